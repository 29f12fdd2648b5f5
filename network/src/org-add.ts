import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { exchangeDir } from './bundles';
import { issueOrgIdentities } from './ca';
import { nodeCatalogue } from './catalogue';
import { restartChaincode } from './chaincode-restart';
import { addedSignature, checkOrgAddition, signerMsp, unsignedUpdateEnvelope, updateBytes, verifySignature, withSignatures } from './config-signatures';
import { channelMembers, computeUpdate, fetchChannelConfig, inTempDir, orgGroup, withOrg } from './config-update';
import { NetworkError } from './errors';
import { exec } from './exec';
import { committedSequence } from './lifecycle';
import { checkJoin, enoughSigners, nextDefinition, parseAddFlags, parseSignFlags, topologyDepartment } from './org-join';
import { paths } from './paths';
import { ordererFlags, peerEnv } from './peercli';
import { isLocal } from './placement';
import { readState, writeState } from './processes';
import { BRING_UP, Step, UpContext } from './steps';
import { governanceSeeded, addGovernanceMember } from './seed';
import { DepartmentOrg, loadTopology, Topology, topologyPath } from './topology';
import { Toolchain, toolchain } from './toolchain';
import { lockUp, runSteps } from './up';
import { waitFor } from './wait';

type Log = (s: string) => void;

/**
 * org:add and org:sign: a department that was added to the topology joins the running channel.
 * 1. its CA runs and its identities are issued (the bring-up steps, for this org only);
 * 2. the channel config update adding its MSP group and anchor peer is prepared (`--prepare` stops here), signed
 *    by a majority of the existing orgs' admins, one signature file each (org:sign on each org's host), and
 * 3. submitted with `peer channel update`;
 * 4. its peer starts, joins from the genesis block and pulls every block from the orderers;
 * 5. the next chaincode definition sequence, whose endorsement policy and collections include it, is approved by
 *    every org and committed; its peer installs the CCaaS package; governance counts it as a member.
 * Files of the update live under the data directory (network:down removes them); see docs/operations.md.
 */

/** Where the update adding `org` and the admins' signatures on it are kept (copy these between hosts). */
export const updateFiles = (org: string) => ({
  dir: join(paths.channelDir(), 'updates', org),
  envelope: join(paths.channelDir(), 'updates', org, 'update.pb'),
  signatures: join(paths.channelDir(), 'updates', org, 'signatures'),
  signature: (signer: string) => join(paths.channelDir(), 'updates', org, 'signatures', `${signer}.sig`),
});

/** The running network's state; NETWORK_NOT_UP when it is not running here. */
function runningState() {
  const state = readState();
  if (!state || state.stoppedAt || !state.ready) throw new NetworkError('NETWORK_NOT_UP', 'the network is not running here', 'bring it up first: npm run network:up');
  return state;
}

/** What one org:add needs: the topology (with the next definition sequence), the joining org and the channel's members. */
interface Join {
  t: Topology;
  tc: Toolchain;
  org: DepartmentOrg;
  members: DepartmentOrg[];
}

/** An existing member whose admin is on this host (fetches the config, submits the update). */
function localMember(j: Pick<Join, 't' | 'members'>): DepartmentOrg {
  const m = j.members.find((o) => isLocal(j.t, o.name) && existsSync(join(paths.user(o.name, 'Admin'), 'msp')));
  if (!m) throw new NetworkError('NETWORK_NOT_UP', 'no admin of a channel member is on this host', 'run this on a host of an existing department');
  return m;
}

/** Validates everything before anything is written: the org, the running network, the channel's members. */
async function plan(orgName: string): Promise<Join> {
  const t0 = loadTopology();
  const tc = toolchain();
  runningState();
  const org = topologyDepartment(t0, orgName);
  const candidates = { t: t0, members: t0.orgs.filter((o): o is DepartmentOrg => o.kind === 'department' && o !== org) };
  const fetcher = localMember(candidates);
  const members = checkJoin(t0, org, channelMembers(await fetchChannelConfig(t0, tc, fetcher)));
  return { t: nextDefinition(t0, await committedSequence(t0, tc, fetcher)), tc, org, members };
}

/** Writes the unsigned update envelope adding the org (its MSP must be on this host: issued here, or its bundle). */
async function prepareUpdate(j: Join, log: Log): Promise<string> {
  if (!existsSync(join(paths.orgMsp(j.org.name), 'config.yaml'))) {
    throw new NetworkError('BUNDLE_MISSING', `no MSP of ${j.org.name} on this host (${paths.orgMsp(j.org.name)})`, `copy ${j.org.name}'s public bundle into the exchange directory, or run org:add on a host that runs ${j.org.name}`);
  }
  const config = await fetchChannelConfig(j.t, j.tc, localMember(j));
  const update = await computeUpdate(j.t, j.tc, config, withOrg(config, j.org.mspId, await orgGroup(j.t, j.tc, j.org)));
  const f = updateFiles(j.org.name);
  mkdirSync(f.signatures, { recursive: true });
  writeFileSync(f.envelope, unsignedUpdateEnvelope(j.t.channel, update));
  log(`[network] config update adding ${j.org.mspId} written to ${f.envelope}`);
  return f.envelope;
}

/**
 * The certificates (PEM) in one folder of an org's MSP on this host (`cacerts`, `tlscacerts`): its own or imported
 * MSP in the data directory, else its public bundle in the exchange directory. Empty when neither is here.
 */
function mspCertificates(orgName: string, sub: 'cacerts' | 'tlscacerts'): string[] {
  for (const dir of [join(paths.orgMsp(orgName), sub), join(exchangeDir(), 'orgs', orgName, 'msp', sub)]) {
    if (!existsSync(dir)) continue;
    const pems = readdirSync(dir).filter((n) => n.endsWith('.pem')).map((n) => readFileSync(join(dir, n), 'utf8'));
    if (pems.length > 0) return pems;
  }
  return [];
}

/**
 * Signs the prepared update as `signer`'s admin (peer channel signconfigtx on a copy) and writes the signature file.
 * Before signing, the update is checked to do exactly what org:sign says: add `joining` with the CA certificates of
 * its bundle on this host, nothing else (checkOrgAddition) — the file may have been swapped on its way here.
 */
async function signUpdate(t: Topology, tc: Toolchain, joining: DepartmentOrg, signer: DepartmentOrg, log: Log = () => undefined): Promise<string> {
  const orgName = joining.name;
  const f = updateFiles(orgName);
  if (!existsSync(f.envelope)) {
    throw new NetworkError('CONFIG_UPDATE_MISSING', `no prepared update for ${orgName} at ${f.envelope}`, `prepare it: npm run org:add -- --org ${orgName} --prepare (or copy it here from the host that did)`);
  }
  const unsigned = readFileSync(f.envelope);
  const rootCertPems = mspCertificates(orgName, 'cacerts');
  const tlsRootCertPems = mspCertificates(orgName, 'tlscacerts');
  if (rootCertPems.length === 0 || tlsRootCertPems.length === 0) {
    throw new NetworkError('BUNDLE_MISSING', `no CA certificates of ${orgName} on this host to check the update against (${paths.orgMsp(orgName)} or ${join(exchangeDir(), 'orgs', orgName, 'msp')})`,
      `copy ${orgName}'s public bundle (exchange/orgs/${orgName}/) into the exchange directory here, then sign again`);
  }
  log(`[network] ${signer.name} signs an update that ${checkOrgAddition(updateBytes(unsigned), { channel: t.channel, mspId: joining.mspId, rootCertPems, tlsRootCertPems })}`);
  const sig = await inTempDir(async (dir) => {
    const copy = join(dir, 'update.pb');
    writeFileSync(copy, unsigned);
    await exec(tc.bin('peer'), ['channel', 'signconfigtx', '-f', copy], { env: peerEnv(t, signer), timeoutMs: 30_000 });
    return addedSignature(unsigned, readFileSync(copy));
  });
  if (signerMsp(sig) !== signer.mspId) throw new NetworkError('CONFIG_UPDATE_INVALID', `the signature was made by ${signerMsp(sig)}, not ${signer.mspId}`);
  // Written whole or not at all (a host collecting the files never reads half of one).
  const file = f.signature(signer.name);
  writeFileAtomic(file, sig, 0o644);
  return file;
}

/**
 * The signature files collected for the org's update, each verified against the prepared update's exact bytes and
 * the CA of the member MSP it names (verifySignature): a stale, swapped or forged file is CONFIG_UPDATE_INVALID here.
 */
function collectedSignatures(orgName: string, members: DepartmentOrg[]): Array<{ msp: string; bytes: Uint8Array }> {
  const f = updateFiles(orgName);
  if (!existsSync(f.signatures)) return [];
  const files = readdirSync(f.signatures).filter((n) => n.endsWith('.sig'));
  if (files.length === 0) return [];
  const update = updateBytes(readFileSync(f.envelope));
  const caOf = (mspId: string) => {
    const m = members.find((o) => o.mspId === mspId);
    return m ? mspCertificates(m.name, 'cacerts') : undefined;
  };
  return files.map((n) => {
    const bytes = readFileSync(join(f.signatures, n));
    return { msp: verifySignature(update, bytes, caOf, `signature file ${join(f.signatures, n)}`), bytes };
  });
}

/** Signs as each local member that has not signed, until a majority has (the single-host path of org:add). */
async function signLocally(j: Join, log: Log): Promise<string> {
  const signed = () => collectedSignatures(j.org.name, j.members).map((s) => s.msp);
  for (const m of j.members.filter((o) => isLocal(j.t, o.name))) {
    const have = signed();
    try {
      enoughSigners(j.members, have);
      break;
    } catch {
      if (!have.includes(m.mspId)) log(`[network] signed by ${m.name}: ${await signUpdate(j.t, j.tc, j.org, m, log)}`);
    }
  }
  return `${enoughSigners(j.members, signed()).length} of ${j.members.length} org admins signed`;
}

/** Submits the signed update with `peer channel update` and waits until the channel config has the org. */
async function submitUpdate(j: Join): Promise<string> {
  const sigs = collectedSignatures(j.org.name, j.members);
  enoughSigners(j.members, sigs.map((s) => s.msp));
  const submitter = localMember(j);
  await inTempDir(async (dir) => {
    const signed = join(dir, 'signed.pb');
    writeFileSync(signed, withSignatures(readFileSync(updateFiles(j.org.name).envelope), sigs.map((s) => s.bytes)));
    await exec(j.tc.bin('peer'), ['channel', 'update', '-f', signed, '-c', j.t.channel, ...ordererFlags(j.t)], { env: peerEnv(j.t, submitter), timeoutMs: 60_000 });
  });
  await waitFor({ node: `${submitter.name}'s peer`, condition: `see ${j.org.mspId} in the config of ${j.t.channel}`, key: 'CONFIG_UPDATE_NOT_APPLIED' },
    async () => channelMembers(await fetchChannelConfig(j.t, j.tc, submitter)).includes(j.org.mspId), 60_000);
  return `submitted by ${submitter.name} with ${sigs.length} signature(s)`;
}

/** The bring-up steps org:add reuses, by id, in their bring-up order (they act on what is missing: the new org's). */
const reused = (...ids: string[]): Step[] => ids.map((id) => {
  const s = BRING_UP.find((x) => x.id === id);
  if (!s) throw new Error(`no bring-up step ${id}`);
  return s;
});

/** The steps of org:add after validation; `--prepare` runs up to the update. */
function joinSteps(j: Join, prepareOnly: boolean): Step[] {
  const identities: Step = {
    id: 'org-identities', label: `${j.org.name}'s identities issued (peer, admin, operators with role attributes)`,
    // On another org's host the joining org's public bundle stands in for them (the bundles step imports it).
    exists: async (c) => !isLocal(c.t, j.org.name) || existsSync(join(paths.user(j.org.name, 'Admin'), 'msp', 'keystore', 'key.pem')),
    run: async (c) => issueOrgIdentities(c.t, c.tc, j.org),
  };
  const prepare: Step = { id: 'org-update', label: `channel config update adding ${j.org.mspId} prepared`, exists: async () => existsSync(updateFiles(j.org.name).envelope), run: (c) => prepareUpdate(j, c.log) };
  const before = [...reused('cas'), identities, ...reused('bundles'), prepare];
  if (prepareOnly) return before;
  return [
    ...before,
    { id: 'org-sign', label: 'update signed by a majority of the channel\'s org admins', run: (c) => signLocally(j, c.log) },
    { id: 'org-submit', label: 'peer channel update', run: () => submitUpdate(j) },
    ...reused('nodes', 'peers-join', 'peers-catch-up', 'chaincode-install'),
    {
      id: 'chaincode-trust', label: `chaincode server restarted trusting ${j.org.name}'s TLS root`,
      run: async (c) => {
        await restartChaincode(() => undefined);
        // The restart recorded the new chaincode process in the state file: continue with that state.
        c.state = runningState();
      },
    },
    ...reused('chaincode-define'),
    {
      id: 'org-member', label: `${j.org.mspId} a member of governance`,
      run: async (c) => ((await governanceSeeded(c.t, c.tc)) ? addGovernanceMember(c.t, c.tc, j.org.name, c.log) : 'governance not seeded yet'),
    },
    ...reused('profile', 'discovery', 'peers-level'),
  ];
}

/**
 * `org:add --org <name> [--prepare]`. Every input is checked before anything is written (ORG_UNKNOWN,
 * ORG_IN_CHANNEL, TOPOLOGY_MISSING_ORG, NETWORK_NOT_UP).
 */
export async function addOrg(argv: string[], log: Log = console.log): Promise<void> {
  const flags = parseAddFlags(argv);
  // One writer of the data directory and the state file at a time: a network:up running beside would interleave.
  const unlock = lockUp();
  try {
    await addOrgLocked(flags, log);
  } finally {
    unlock();
  }
}

async function addOrgLocked(flags: ReturnType<typeof parseAddFlags>, log: Log): Promise<void> {
  const j = await plan(flags.org);
  const state = runningState();
  const ctx: UpContext = { t: j.t, tc: j.tc, log, state, catalogue: nodeCatalogue(j.t), ...(state.packageId ? { packageId: state.packageId } : {}) };
  const started = Date.now();
  await runSteps(joinSteps(j, flags.prepare === true), ctx);
  if (flags.prepare) {
    log(`[network] next: on each of a majority of ${j.members.map((o) => o.name).join(', ')}: npm run org:sign -- --org ${j.org.name} --as <org>; ` +
      `copy the .sig files to ${updateFiles(j.org.name).signatures}/ here, then: npm run org:add -- --org ${j.org.name}`);
    return;
  }
  // The network now runs from this topology: status, restart and down read it.
  writeState({ ...ctx.state, topologyPath: topologyPath() });
  log(`[network] ${j.org.name} joined ${j.t.channel} in ${((Date.now() - started) / 1000).toFixed(1)} s; chaincode ${j.t.chaincode.name} sequence ${j.t.chaincode.sequence}`);
}

/** `org:sign --org <joining> --as <signer>`: one admin's signature on the prepared update, as a file. */
export async function signOrg(argv: string[], log: Log = console.log): Promise<void> {
  const flags = parseSignFlags(argv);
  const t = loadTopology();
  const joining = topologyDepartment(t, flags.org);
  const signer = topologyDepartment(t, flags.as);
  if (signer === joining) throw new NetworkError('INVALID_ARGUMENT', 'the joining org cannot sign its own admission', 'sign as an existing org: --as <org>');
  if (!existsSync(join(paths.user(signer.name, 'Admin'), 'msp'))) throw new NetworkError('NETWORK_NOT_UP', `no admin of ${signer.name} on this host`, `run org:sign on ${signer.name}'s host`);
  log(`[network] ${signer.name} signed the update adding ${joining.name}: ${await signUpdate(t, toolchain(), joining, signer, log)}`);
}
