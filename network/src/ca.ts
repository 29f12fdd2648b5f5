import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chaincodeTlsOrg, issueChaincodeServerTls } from './chaincode-tls';
import { NetworkError } from './errors';
import { exec } from './exec';
import { ManagedProcess, startDetached } from './processes';
import { nodeHost, paths } from './paths';
import { caNodeName, certificateHosts, opsHost, serviceHost } from './placement';
import { normaliseMsp, normaliseTls, writeOrgMsp } from './msp';
import { DepartmentOrg, Org, Topology, nodeEnv } from './topology';
import { Toolchain } from './toolchain';
import { httpStatus, waitFor } from './wait';

/** Identity types Fabric CA registers; NodeOUs turn them into OUs Fabric policies can name. */
export type IdentityType = 'peer' | 'orderer' | 'admin' | 'client' | 'ccserver';

/** The CA's `--ca.name`. */
export const caName = (org: Org) => `ca-${org.name.toLowerCase()}`;
const caUrl = (t: Topology, org: Org, user?: string) => `https://${user ? `${user}@` : ''}${serviceHost(t, caNodeName(org))}:${org.ca.port}`;

/** File holding one CA's bootstrap secret (one per CA, mode 0600, under the secrets dir). */
export function bootstrapSecretFile(org: Org): string {
  return join(paths.secrets(), `${org.name}-ca-admin.secret`);
}

/** The CA's bootstrap secret, generated on first use (compose hands the same file to the CA container as a secret). */
export function bootstrapSecret(org: Org): string {
  const file = bootstrapSecretFile(org);
  if (!existsSync(file)) {
    mkdirSync(paths.secrets(), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(18).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8');
}

/** The CA server's config file; fabric-ca-server writes the bootstrap identity's secret into it. */
const caConfigFile = (org: Org) => join(paths.caHome(org.name), 'fabric-ca-server-config.yaml');

/**
 * Initialises the org's CA home once (`fabric-ca-server init`): CA key and certificate, config file and the
 * bootstrap identity in its database. The bootstrap secret reaches fabric-ca-server through
 * FABRIC_CA_SERVER_BOOT (fabric-ca reads every flag from its FABRIC_CA_SERVER_* variable), never through `-b`
 * on a command line, which any local user can read in `ps`. fabric-ca-server prints its settings at start,
 * `boot` included, so init's output is discarded and `start` never sees the secret: the CA log holds none.
 */
function initCa(tc: Toolchain, org: Org, args: string[], env: NodeJS.ProcessEnv): void {
  if (existsSync(caConfigFile(org))) return;
  const run = spawnSync(tc.bin('fabric-ca-server'), ['init', ...args], { env: { ...env, FABRIC_CA_SERVER_BOOT: `admin:${bootstrapSecret(org)}` }, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) {
    const tail = `${run.stderr ?? ''}${run.stdout ?? ''}`.split('\n').filter((l) => !/boot|pass/i.test(l)).slice(-10).join('\n');
    throw new NetworkError('COMMAND_FAILED', `fabric-ca-server init for ${org.name} failed (${run.error?.message ?? `exit code ${run.status}`}):\n${tail}`, 'check the Fabric CA toolchain: npm run toolchain');
  }
  chmodSync(caConfigFile(org), 0o600);
}

/**
 * fabric-ca-server flags for the org's CA with its home at `home` (a path on this machine, or in its container):
 * TLS on, a certificate for its DNS name and service address, operations endpoint on the ops address.
 */
export function caServerArgs(t: Topology, org: Org, home: string): string[] {
  const host = nodeHost('ca', org.name, t.domain);
  return [
    '--home', home, '--address', serviceHost(t, caNodeName(org)), '--port', String(org.ca.port),
    '--ca.name', caName(org), '--tls.enabled', '--csr.cn', host, '--csr.hosts', certificateHosts(t, caNodeName(org), host).join(','),
    '--operations.listenaddress', `${opsHost(t, caNodeName(org))}:${org.ca.opsPort}`,
  ];
}

/** The CA's health endpoint. */
export const caHealthUrl = (t: Topology, org: Org): string => `http://${opsHost(t, caNodeName(org))}:${org.ca.opsPort}/healthz`;

/** Starts the org's Fabric CA (TLS on, operations endpoint for health on loopback), returning the managed process. */
export function startCa(t: Topology, tc: Toolchain, org: Org): ManagedProcess {
  mkdirSync(paths.caHome(org.name), { recursive: true, mode: 0o700 });
  chmodSync(paths.caHome(org.name), 0o700);
  const args = caServerArgs(t, org, paths.caHome(org.name));
  const env = nodeEnv(t, { FABRIC_CA_SERVER_LOGLEVEL: 'info' });
  delete env.FABRIC_CA_SERVER_BOOT;
  initCa(tc, org, args, env);
  return startDetached(
    { name: caNodeName(org), kind: 'ca', org: org.name, port: org.ca.port, healthUrl: caHealthUrl(t, org) },
    tc.bin('fabric-ca-server'), ['start', ...args], { env },
  );
}

/** Waits until the CA answers its health check and has written its TLS certificate. */
export async function waitCa(t: Topology, org: Org): Promise<void> {
  await waitFor({ node: `ca.${org.name}`, condition: `answer on port ${org.ca.port} with its TLS certificate written`, key: 'CA_NOT_READY' }, async () =>
    existsSync(paths.caTlsCert(org.name)) && (await httpStatus(caHealthUrl(t, org))) === 200,
  30_000, `see ${paths.log(`ca.${org.name}`)}`);
}

/** One fabric-ca-client run: arguments that hold no secret, and the environment that carries the secrets. */
export interface CaInvocation {
  args: string[];
  env: Record<string, string>;
}

/**
 * Builds a fabric-ca-client invocation. The CA URL with its `user:secret` and a new identity's secret go into
 * FABRIC_CA_CLIENT_URL and FABRIC_CA_CLIENT_ID_SECRET (fabric-ca-client reads each flag from its variable),
 * so no secret is ever on a command line; the URL fabric-ca-client writes into its config file has the
 * credentials stripped.
 */
export function caInvocation(args: string[], secrets: { url?: string; idSecret?: string }): CaInvocation {
  const env: Record<string, string> = {};
  if (secrets.url !== undefined) env.FABRIC_CA_CLIENT_URL = secrets.url;
  if (secrets.idSecret !== undefined) env.FABRIC_CA_CLIENT_ID_SECRET = secrets.idSecret;
  return { args, env };
}

/** A Fabric CA client bound to one org's CA and registrar home. */
export class CaClient {
  constructor(private readonly t: Topology, private readonly tc: Toolchain, private readonly org: Org) {}

  private run(inv: CaInvocation): Promise<string> {
    return exec(this.tc.bin('fabric-ca-client'), [...inv.args, '--caname', caName(this.org), '--tls.certfiles', paths.caTlsCert(this.org.name)], {
      timeoutMs: 60_000,
      env: { ...process.env, ...inv.env },
    });
  }

  /** Enrols the CA's bootstrap admin, which registers everyone else. */
  async enrollRegistrar(): Promise<void> {
    await this.run(caInvocation(['enroll', '--home', paths.clientHome(this.org.name)], { url: caUrl(this.t, this.org, `admin:${bootstrapSecret(this.org)}`) }));
  }

  /** Registers an identity with optional ecert attributes; returns its one-time enrolment secret. */
  async register(id: string, type: IdentityType, attrs: Record<string, string> = {}): Promise<string> {
    const secret = randomBytes(12).toString('hex');
    const attrArg = Object.entries(attrs).map(([k, v]) => `${k}=${v}:ecert`).join(',');
    const args = ['register', '--id.name', id, '--id.type', type, '--home', paths.clientHome(this.org.name), ...(attrArg ? ['--id.attrs', attrArg] : [])];
    await this.run(caInvocation(args, { url: caUrl(this.t, this.org), idSecret: secret }));
    return secret;
  }

  /** Enrols an identity's signing MSP (and a TLS certificate when tlsDir is given) with stable file names. */
  async enroll(id: string, secret: string, mspDir: string, tlsDir?: string, hosts: string[] = []): Promise<void> {
    const url = caUrl(this.t, this.org, `${id}:${secret}`);
    const csrHosts = [...new Set(['localhost', '127.0.0.1', ...hosts])].join(',');
    await this.run(caInvocation(['enroll', '--mspdir', mspDir, '--csr.hosts', csrHosts], { url }));
    normaliseMsp(mspDir);
    if (tlsDir) await this.enrollTls(id, secret, tlsDir, hosts);
  }

  /** Enrols a TLS-profile certificate into tlsDir as server.crt, server.key and ca.crt. */
  async enrollTls(id: string, secret: string, tlsDir: string, hosts: string[] = []): Promise<void> {
    const url = caUrl(this.t, this.org, `${id}:${secret}`);
    const csrHosts = [...new Set(['localhost', '127.0.0.1', ...hosts])].join(',');
    const tmp = `${tlsDir}.enroll`;
    await this.run(caInvocation(['enroll', '--mspdir', tmp, '--enrollment.profile', 'tls', '--csr.hosts', csrHosts], { url }));
    normaliseTls(tmp, tlsDir);
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
    const dns = nodeHost(node, org.name, t.domain);
    await ca.enroll(`${node}.${org.name.toLowerCase()}`, secret, join(dir, 'msp'), join(dir, 'tls'), certificateHosts(t, dns, dns));
  }
  const adminSecret = await ca.register(`admin.${org.name.toLowerCase()}`, 'admin', { [ROLE_ATTR]: 'admin', [OPERATOR_ATTR]: 'org-admin' });
  await ca.enroll(`admin.${org.name.toLowerCase()}`, adminSecret, join(paths.user(org.name, 'Admin'), 'msp'), join(paths.user(org.name, 'Admin'), 'tls'));
  writeOrgMsp(paths.orgMsp(org.name), join(paths.user(org.name, 'Admin'), 'msp'));
  if (org.name === chaincodeTlsOrg(t).name) await issueChaincodeServerTls(t, ca);
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
