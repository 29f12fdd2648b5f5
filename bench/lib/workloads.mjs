// The operations the bench times, each through the REST gateway and through a direct Fabric client.
// Every submit waits for its commit (REST: 201 Committed; direct: commit status VALID).
import { departments, loadTopology } from '@govchain/network';
import { errorKey } from './fabric.mjs';
import { accessInput, businessInput, depositInput, legacyEntry, personalData, requestId } from './fixtures.mjs';
import { devToken, request } from './rest.mjs';

const REGISTRAR = 'registrar1';

/** Resolves the department orgs by record type, and their REST ports and dev tokens. */
export function departmentsByRole() {
  const deps = departments(loadTopology());
  const registrarOf = (type) => {
    const d = deps.find((o) => o.registers.includes(type));
    if (!d) throw new Error(`no registrar org for ${type} in the topology`);
    return d;
  };
  return {
    identity: registrarOf('identity'), business: registrarOf('business'), copyright: registrarOf('copyright'),
    governance: deps.find((o) => o.governs),
  };
}

const rethrow = (err) => {
  throw Object.assign(new Error(`${err?.message ?? String(err)} ${JSON.stringify(err?.details ?? []).slice(0, 600)}`), { key: errorKey(err) });
};

/** Builds the operation set for one run (seed = unique ids) given direct clients and the org map. */
export function workloads(seed, fabric, orgs) {
  // Dev tokens expire (the token CLI's default TTL); P5 loading alone can outlast one, so renew every 5 minutes.
  const tokens = new Map();
  const token = (org, op, role) => {
    const k = `${org}/${op}`;
    const cached = tokens.get(k);
    if (cached && Date.now() - cached.at < 5 * 60_000) return cached.value;
    const value = devToken(org, op, role);
    tokens.set(k, { at: Date.now(), value });
    return value;
  };
  const idOrg = orgs.identity.name;
  const bizOrg = orgs.business.name;
  const crOrg = orgs.copyright.name;
  const others = departments(loadTopology()).map((d) => d.mspId).filter((m) => m !== orgs.identity.mspId);
  const post = (org, path, body, key) => request(org.gatewayPort, 'POST', path, { token: token(org.name, REGISTRAR, 'registrar'), body, idempotencyKey: key });
  const get = (org, path, op = REGISTRAR, role = 'registrar') => request(org.gatewayPort, 'GET', path, { token: token(org.name, op, role) });

  return {
    token,
    rest: {
      /** POST /identities: the gateway stages (registrar org only) and registers: 2 transactions. */
      identity: (i) => post(orgs.identity, '/api/v1/identities', { personalData: personalData(seed, i) }, requestId(seed, 'rid', i)),
      business: (i, rep) => post(orgs.business, '/api/v1/businesses', businessInput(seed, i, rep), requestId(seed, 'rbiz', i)),
      copyright: (i, author) => post(orgs.copyright, '/api/v1/copyrights', depositInput(seed, i, author), requestId(seed, 'rcr', i)),
      getBusiness: (code) => get(orgs.business, `/api/v1/businesses/${code}`),
      auditPage: (subject, size) => get(orgs.identity, `/api/v1/audit?subject=${subject}&pageSize=${size}`, 'auditor1', 'auditor'),
    },
    direct: {
      /** Identity:StagePersonalData (transient, endorsed by the registrar org only), then Identity:Register. */
      identity: async (i) => {
        try {
          const stage = await fabric.submit(idOrg, REGISTRAR, 'Identity:StagePersonalData', [requestId(seed, 'did', i)], {
            transientData: { personalData: JSON.stringify(personalData(seed, i)) }, endorsingOrganizations: [orgs.identity.mspId],
          });
          // Register reads the registrar's collection hash, so discovery would only offer collection members: name
          // the registrar plus one other department explicitly (what OutOf(2) and the key-level policy require).
          const endorsingOrganizations = [orgs.identity.mspId, others[i % others.length]];
          // The other department's peer may not hold the staging block yet ("no staged personal data"; nothing is
          // written then): wait for it like the REST gateway does, bounded (40 × 50 ms).
          for (let attempt = 1; ; attempt++) {
            try {
              return await fabric.submit(idOrg, REGISTRAR, 'Identity:Register', [requestId(seed, 'did', i), JSON.stringify(stage)], { endorsingOrganizations });
            } catch (err) {
              if (attempt >= 40 || !/no staged personal data/.test(JSON.stringify(err?.details ?? err?.message ?? ''))) throw err;
              await new Promise((res) => setTimeout(res, 50));
            }
          }
        } catch (err) {
          return rethrow(err);
        }
      },
      /** System:Probe: one key, no key-level policy, the chaincode-level OutOf(2) policy only (Fabric's floor). */
      probe: (i) => fabric.submit(bizOrg, REGISTRAR, 'System:Probe', [`bench-${seed.tag}-${i}`]).catch(rethrow),
      business: (i, rep) => fabric.submit(bizOrg, REGISTRAR, 'Business:Register', [requestId(seed, 'dbiz', i), JSON.stringify(businessInput(seed, i, rep))]).catch(rethrow),
      copyright: (i, author) => fabric.submit(crOrg, REGISTRAR, 'Copyright:Deposit', [requestId(seed, 'dcr', i), JSON.stringify(depositInput(seed, i, author))]).catch(rethrow),
      getBusiness: (code) => fabric.evaluate(bizOrg, REGISTRAR, 'Business:Get', [code]).catch(rethrow),
      auditPage: (subject, size) => fabric.evaluate(idOrg, 'auditor1', 'Audit:ListBySubject', [subject, 'auditor', String(size), '']).catch(rethrow),
      /** Audit:ImportEntries by the identity org's admin: entries `first`… for the subjects `subjectOf(n)` names. */
      importAccessLog: (dataset, subjectOf, first, count) => fabric.submit(idOrg, 'admin1', 'Audit:ImportEntries', [requestId(seed, 'imp', first), JSON.stringify({
        batchId: `bench-${seed.tag}-${first}`, source: 'bench: generated legacy access log', legalAuthority: 'GovChain bench',
        entries: Array.from({ length: count }, (_, k) => legacyEntry(seed, dataset, subjectOf(first + k), first + k)),
      })]).catch(rethrow),
      requestAccess: (dataset, subject, i) =>
        fabric.submit(idOrg, 'clerk1', 'Audit:RequestAccess', [requestId(seed, 'acc', i), JSON.stringify(accessInput(dataset, subject, i))]).catch(rethrow),
    },
  };
}
