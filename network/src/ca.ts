import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec } from './exec';
import { ManagedProcess, startDetached } from './processes';
import { nodeHost, paths } from './paths';
import { normaliseMsp, normaliseTls, writeOrgMsp } from './msp';
import { DepartmentOrg, Org, Topology, nodeEnv } from './topology';
import { Toolchain } from './toolchain';
import { httpStatus, waitFor } from './wait';

/** Identity types Fabric CA registers; NodeOUs turn them into OUs Fabric policies can name. */
export type IdentityType = 'peer' | 'orderer' | 'admin' | 'client';

/** The CA's `--ca.name`. */
export const caName = (org: Org) => `ca-${org.name.toLowerCase()}`;
const caUrl = (t: Topology, org: Org, user?: string) => `https://${user ? `${user}@` : ''}${t.host}:${org.ca.port}`;

function bootstrapSecret(org: Org): string {
  const file = join(paths.secrets(), `${org.name}-ca-admin.secret`);
  if (!existsSync(file)) {
    mkdirSync(paths.secrets(), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(18).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8');
}

/** Starts the org's Fabric CA (TLS on, operations endpoint for health), returning the managed process. */
export function startCa(t: Topology, tc: Toolchain, org: Org): ManagedProcess {
  mkdirSync(paths.caHome(org.name), { recursive: true });
  const host = nodeHost('ca', org.name, t.domain);
  const args = [
    'start', '-b', `admin:${bootstrapSecret(org)}`, '--home', paths.caHome(org.name), '--address', t.host, '--port', String(org.ca.port),
    '--ca.name', caName(org), '--tls.enabled', '--csr.cn', host, '--csr.hosts', `${host},localhost,127.0.0.1`,
    '--operations.listenaddress', `${t.host}:${org.ca.opsPort}`,
  ];
  return startDetached(
    { name: `ca.${org.name}`, kind: 'ca', org: org.name, port: org.ca.port, healthUrl: `http://${t.host}:${org.ca.opsPort}/healthz` },
    tc.bin('fabric-ca-server'), args, { env: nodeEnv(t, { FABRIC_CA_SERVER_LOGLEVEL: 'info' }) },
  );
}

/** Waits until the CA answers its health check and has written its TLS certificate. */
export async function waitCa(t: Topology, org: Org): Promise<void> {
  await waitFor(`CA of ${org.name} on port ${org.ca.port}`, async () =>
    existsSync(paths.caTlsCert(org.name)) && (await httpStatus(`http://${t.host}:${org.ca.opsPort}/healthz`)) === 200,
  30_000, `see ${paths.log(`ca.${org.name}`)}`);
}

/** A Fabric CA client bound to one org's CA and registrar home. */
export class CaClient {
  constructor(private readonly t: Topology, private readonly tc: Toolchain, private readonly org: Org) {}

  private run(args: string[]): Promise<string> {
    return exec(this.tc.bin('fabric-ca-client'), [...args, '--caname', caName(this.org), '--tls.certfiles', paths.caTlsCert(this.org.name)], { timeoutMs: 60_000 });
  }

  /** Enrols the CA's bootstrap admin, which registers everyone else. */
  async enrollRegistrar(): Promise<void> {
    await this.run(['enroll', '-u', caUrl(this.t, this.org, `admin:${bootstrapSecret(this.org)}`), '--home', paths.clientHome(this.org.name)]);
  }

  /** Registers an identity with optional ecert attributes; returns its one-time enrolment secret. */
  async register(id: string, type: IdentityType, attrs: Record<string, string> = {}): Promise<string> {
    const secret = randomBytes(12).toString('hex');
    const attrArg = Object.entries(attrs).map(([k, v]) => `${k}=${v}:ecert`).join(',');
    await this.run(['register', '--id.name', id, '--id.secret', secret, '--id.type', type, '--home', paths.clientHome(this.org.name),
      '-u', caUrl(this.t, this.org), ...(attrArg ? ['--id.attrs', attrArg] : [])]);
    return secret;
  }

  /** Enrols an identity's signing MSP (and a TLS certificate when tlsDir is given) with stable file names. */
  async enroll(id: string, secret: string, mspDir: string, tlsDir?: string, hosts: string[] = []): Promise<void> {
    const url = caUrl(this.t, this.org, `${id}:${secret}`);
    const csrHosts = ['localhost', '127.0.0.1', ...hosts].join(',');
    await this.run(['enroll', '-u', url, '--mspdir', mspDir, '--csr.hosts', csrHosts]);
    normaliseMsp(mspDir);
    if (tlsDir) {
      const tmp = `${tlsDir}.enroll`;
      await this.run(['enroll', '-u', url, '--mspdir', tmp, '--enrollment.profile', 'tls', '--csr.hosts', csrHosts]);
      normaliseTls(tmp, tlsDir);
    }
  }
}

/** Attribute names the chaincode reads from enrolment certificates (docs/conventions.md). */
export const ROLE_ATTR = 'govchain.role';
export const OPERATOR_ATTR = 'govchain.operatorId';

/** Issues every identity an org needs: its nodes (MSP + TLS), its admin, and its operators with role attributes. */
export async function issueOrgIdentities(t: Topology, tc: Toolchain, org: Org): Promise<void> {
  const ca = new CaClient(t, tc, org);
  await ca.enrollRegistrar();
  const nodes = org.kind === 'orderer' ? org.orderers.map((o) => o.name) : org.peers.map((p) => p.name);
  for (const node of nodes) {
    const secret = await ca.register(`${node}.${org.name.toLowerCase()}`, org.kind === 'orderer' ? 'orderer' : 'peer');
    const dir = paths.node(org.name, node);
    await ca.enroll(`${node}.${org.name.toLowerCase()}`, secret, join(dir, 'msp'), join(dir, 'tls'), [nodeHost(node, org.name, t.domain)]);
  }
  const adminSecret = await ca.register(`admin.${org.name.toLowerCase()}`, 'admin', { [ROLE_ATTR]: 'admin', [OPERATOR_ATTR]: 'org-admin' });
  await ca.enroll(`admin.${org.name.toLowerCase()}`, adminSecret, join(paths.user(org.name, 'Admin'), 'msp'), join(paths.user(org.name, 'Admin'), 'tls'));
  writeOrgMsp(paths.orgMsp(org.name), join(paths.user(org.name, 'Admin'), 'msp'));
  if (org.kind === 'department') {
    for (const op of org.operators) await enrollOperator(t, tc, org, op.id, op.role, ca);
  }
}

/** Registers and enrols one operator whose certificate carries role and operator-id attributes. */
export async function enrollOperator(t: Topology, tc: Toolchain, org: DepartmentOrg, id: string, role: string, client?: CaClient): Promise<string> {
  const ca = client ?? new CaClient(t, tc, org);
  const secret = await ca.register(`${id}.${org.name.toLowerCase()}`, 'client', { [ROLE_ATTR]: role, [OPERATOR_ATTR]: id });
  const msp = join(paths.user(org.name, id), 'msp');
  await ca.enroll(`${id}.${org.name.toLowerCase()}`, secret, msp);
  writeFileSync(join(paths.user(org.name, id), 'role'), role);
  return msp;
}
