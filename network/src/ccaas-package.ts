import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec } from './exec';
import { ordererFlags, peerCli } from './peercli';
import { DepartmentOrg, Topology } from './topology';
import { Toolchain } from './toolchain';
import { NetworkError } from './errors';

/**
 * Writes a chaincode-as-a-service package (metadata type "ccaas" + connection.json: the server's address, or the
 * full connection settings with TLS) into
 * `dir` and returns its path. Byte-for-byte reproducible (sorted, fixed mtime and owner), so the package id
 * depends on the label and address only.
 */
export async function writeCcaasPackage(dir: string, label: string, connection: string | Record<string, unknown>): Promise<string> {
  const src = join(dir, 'src');
  mkdirSync(src, { recursive: true });
  // A bare address is a plain-text connection (the rogue test server); bring-up passes mutual-TLS settings.
  const json = typeof connection === 'string' ? { address: connection, dial_timeout: '10s', tls_required: false } : connection;
  writeFileSync(join(src, 'connection.json'), JSON.stringify(json));
  writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ type: 'ccaas', label }));
  const tar = ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '-czf'];
  await exec('tar', [...tar, join(dir, 'code.tar.gz'), '-C', src, 'connection.json']);
  const pkg = join(dir, `${label}.tgz`);
  await exec('tar', [...tar, pkg, '-C', dir, 'metadata.json', 'code.tar.gz']);
  return pkg;
}

/** The package id of a package file (label:sha256). */
export async function packageIdOf(t: Topology, tc: Toolchain, org: DepartmentOrg, pkg: string): Promise<string> {
  return (await peerCli(t, tc, org, ['lifecycle', 'chaincode', 'calculatepackageid', pkg])).trim();
}

/** Installs a package on an org's peer (as the org admin); installing the same package again is not an error. */
export async function installPackage(t: Topology, tc: Toolchain, org: DepartmentOrg, pkg: string): Promise<string> {
  const packageId = await packageIdOf(t, tc, org, pkg);
  try {
    await peerCli(t, tc, org, ['lifecycle', 'chaincode', 'install', pkg]);
  } catch (err) {
    if (!/already successfully installed/.test(String(err))) throw err;
  }
  return packageId;
}


/**
 * Approves the committed chaincode definition again for one org with another package id: Fabric lets each org
 * choose the code its own peers run behind the same definition (this is how an org upgrades its binary alone,
 * and what a department running modified chaincode would do). Waits for the approval to commit.
 */
export async function approveForOrg(t: Topology, tc: Toolchain, org: DepartmentOrg, definition: string[], packageId: string): Promise<void> {
  await peerCli(t, tc, org, ['lifecycle', 'chaincode', 'approveformyorg', ...ordererFlags(t), ...definition, '--package-id', packageId]);
}

/** The package id an org has approved for the committed sequence of the chaincode definition. */
export async function approvedPackageId(t: Topology, tc: Toolchain, org: DepartmentOrg): Promise<string | undefined> {
  const out = await peerCli(t, tc, org, ['lifecycle', 'chaincode', 'queryapproved', '-C', t.channel, '-n', t.chaincode.name, '--sequence', String(t.chaincode.sequence), '-O', 'json']);
  const parsed = JSON.parse(out) as { source?: { Type?: { LocalPackage?: { package_id?: string } } } };
  return parsed.source?.Type?.LocalPackage?.package_id;
}

/**
 * Approves `packageId` for an org until the peer reports it approved, within `timeoutMs`. An approval's CLI may
 * time out waiting for its event while the approval still commits, and a retry right after then fails with
 * MVCC_READ_CONFLICT; so success is judged by queryapproved, not by the CLI's exit code.
 */
export async function ensureApproved(t: Topology, tc: Toolchain, org: DepartmentOrg, definition: string[], packageId: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if ((await approvedPackageId(t, tc, org).catch(() => undefined)) === packageId) return;
    try {
      await approveForOrg(t, tc, org, definition, packageId);
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  throw new NetworkError('CHAINCODE_NOT_APPROVED', `${org.name} did not approve package ${packageId} within ${timeoutMs} ms${last ? `: ${String(last).slice(0, 300)}` : ''}`);
}
