import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash, X509Certificate } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { NetworkError } from './errors';
import { nodeHost, paths } from './paths';
import { caNodeName, endpoint, isLocal, runsEverything } from './placement';
import { Org, ordererOrg, Topology } from './topology';
import { waitFor } from './wait';

/**
 * Public bundles: what one org's host hands the others so that they can build the channel and reach its nodes,
 * and nothing else. A bundle is a directory laid out like the org's own (`orgs/<Org>/` in the data directory):
 * - `msp/` — the org MSP: CA certificate, TLS root certificate, NodeOUs config;
 * - `nodes/<orderer>/tls/server.crt` — for the orderer org, each consenter's TLS certificate (the genesis needs it);
 * - `bundle.json` — MSP id, host address and endpoints, for people and for checks.
 * No private key is ever in a bundle (bundlesHoldNoKey checks it). Bundles and the genesis block travel as files
 * through an exchange directory (`--exchange`, GOVCHAIN_EXCHANGE): a shared folder, or files copied between
 * hosts by the operators; a host waits, bounded, for the files it needs.
 */

/** The exchange directory: GOVCHAIN_EXCHANGE, or `exchange/` in the data directory. */
export function exchangeDir(): string {
  return resolve(process.env.GOVCHAIN_EXCHANGE ?? join(paths.root(), 'exchange'));
}

/** How long a host waits for another host's files or transactions (GOVCHAIN_CROSS_HOST_WAIT_MS, default 10 min). */
export function crossHostWaitMs(): number {
  const v = Number(process.env.GOVCHAIN_CROSS_HOST_WAIT_MS ?? 600_000);
  return Number.isFinite(v) && v > 0 ? v : 600_000;
}

const bundleDir = (org: Org) => join(exchangeDir(), 'orgs', org.name);
const genesisFile = () => join(exchangeDir(), 'channel', 'genesis.block');

/** The public files of an org, relative to its directory. */
function publicFiles(t: Topology, org: Org): string[] {
  const msp = ['msp/cacerts/ca.pem', 'msp/tlscacerts/ca.pem', 'msp/config.yaml'];
  const consenters = org.kind === 'orderer' ? org.orderers.map((o) => `nodes/${o.name}/tls/server.crt`) : [];
  return [...msp, ...consenters];
}

/** Endpoints an org's bundle announces. */
function announced(t: Topology, org: Org): Record<string, string> {
  const nodes = org.kind === 'orderer'
    ? org.orderers.map((o) => [nodeHost(o.name, org.name, t.domain), endpoint(t, nodeHost(o.name, org.name, t.domain), o.port)] as const)
    : org.peers.map((p) => [nodeHost(p.name, org.name, t.domain), endpoint(t, nodeHost(p.name, org.name, t.domain), p.port)] as const);
  return Object.fromEntries([[`ca.${org.name}`, endpoint(t, caNodeName(org), org.ca.port)], ...nodes]);
}

/** Writes a file atomically (temp file, then rename), so a host polling the exchange never reads half of it. */
function publish(src: string, dst: string): void {
  writeFileAtomic(dst, readFileSync(src));
}

/** Exports the public bundle of every local org into the exchange directory; returns the orgs exported. */
export function exportBundles(t: Topology): string[] {
  const orgs = t.orgs.filter((o) => isLocal(t, o.name));
  for (const org of orgs) {
    for (const f of publicFiles(t, org)) publish(join(paths.org(org.name), f), join(bundleDir(org), f));
    const manifest = join(bundleDir(org), 'bundle.json');
    // The manifest goes last: its presence says the bundle is complete.
    writeFileAtomic(manifest, JSON.stringify({ org: org.name, mspId: org.mspId, kind: org.kind, address: org.address ?? t.host, endpoints: announced(t, org) }, null, 2));
  }
  return orgs.map((o) => o.name);
}

/** Waits (bounded) for every other org's bundle and copies it into this host's data directory. */
export async function importBundles(t: Topology): Promise<string[]> {
  if (runsEverything(t)) return [];
  const others = t.orgs.filter((o) => !isLocal(t, o.name));
  await Promise.all(others.map((org) => waitFor({ node: org.name, condition: `publish its bundle in ${bundleDir(org)}`, key: 'BUNDLE_MISSING',
    hint: `copy ${org.name}'s bundle (its exchange/orgs/${org.name}/ directory) here` }, async () => existsSync(join(bundleDir(org), 'bundle.json')), crossHostWaitMs())));
  for (const org of others) importBundle(t, org);
  return others.map((o) => o.name);
}

/**
 * Copies one org's bundle from the exchange into the data directory: only the files a bundle has (publicFiles and
 * bundle.json), each a regular file (never a symlink, which could point the copy at this host's own files) holding
 * no private key, and a manifest naming the org's MSP id. Anything else in the exchange folder stays there, so a
 * host writing into a shared exchange cannot place other files (a keystore, a config) in this host's data directory.
 */
function importBundle(t: Topology, org: Org): void {
  const src = bundleDir(org);
  const invalid = (why: string) => new NetworkError('CRYPTO_INVALID', `the bundle of ${org.name} in ${src}: ${why}`,
    `ask ${org.name}'s operators for its public bundle again (exchange/orgs/${org.name}/) and replace the folder`);
  const files = [...publicFiles(t, org), 'bundle.json'];
  const contents = files.map((f) => {
    const p = join(src, f);
    if (!existsSync(p)) throw invalid(`${f} is missing`);
    if (!lstatSync(p).isFile()) throw invalid(`${f} is not a regular file`);
    const bytes = readFileSync(p);
    if (/PRIVATE KEY/.test(bytes.toString('latin1'))) throw new NetworkError('NETWORK_SECRET_EXPOSED', `${join(src, f)} holds a private key`, `remove it: a bundle carries certificates only; ${org.name}'s key must stay on its host`);
    return bytes;
  });
  let manifest: { mspId?: unknown };
  try {
    manifest = JSON.parse(contents.at(-1)!.toString('utf8')) as { mspId?: unknown };
  } catch {
    throw invalid('bundle.json is not JSON');
  }
  if (manifest.mspId !== org.mspId) throw invalid(`bundle.json names MSP ${String(manifest.mspId)}, not ${org.mspId}`);
  files.forEach((f, i) => writeFileAtomic(join(paths.org(org.name), f), contents[i]!));
}

/**
 * The SHA-256 fingerprint of an org's CA certificate as this host holds it (its own or imported). Bundles travel
 * unauthenticated, so bring-up prints it for each imported org: operators compare it with the one the org's own
 * host printed (by phone, a signed letter) before trusting the channel built from it.
 */
export function caFingerprint(orgName: string): string {
  try {
    return new X509Certificate(readFileSync(join(paths.orgMsp(orgName), 'cacerts', 'ca.pem'))).fingerprint256;
  } catch {
    return 'unreadable';
  }
}

/** The SHA-256 of the genesis block on this host (printed by the orderer host and by every importer, to compare). */
export function genesisDigest(): string {
  return createHash('sha256').update(readFileSync(paths.genesisBlock())).digest('hex');
}

/** Publishes the genesis block (public) for the other hosts. */
export function exportGenesis(): void {
  publish(paths.genesisBlock(), genesisFile());
}

/** Waits (bounded) for the orderer org's genesis block in the exchange and copies it into the data directory. */
export async function importGenesis(t: Topology): Promise<void> {
  await waitFor({ node: ordererOrg(t).name, condition: `publish the genesis block in ${genesisFile()}`, key: 'BUNDLE_MISSING',
    hint: 'copy channel/genesis.block from the orderer host\'s exchange directory here' }, async () => existsSync(genesisFile()), crossHostWaitMs());
  mkdirSync(dirname(paths.genesisBlock()), { recursive: true });
  copyFileSync(genesisFile(), paths.genesisBlock());
}

/** Every file under a directory, relative to it. */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p).map((f) => join(name, f)) : [name];
  });
}

/** NETWORK_SECRET_EXPOSED when any file of the exchange directory holds a private key. */
export function bundlesHoldNoKey(dir = exchangeDir()): number {
  const files = walk(dir);
  const bad = files.filter((f) => /PRIVATE KEY/.test(readFileSync(join(dir, f), 'latin1')));
  if (bad.length > 0) throw new NetworkError('NETWORK_SECRET_EXPOSED', `private keys in the exchange directory: ${bad.map((f) => relative(dir, join(dir, f))).join(', ')}`);
  return files.length;
}
