import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import {
  definitionArgs, departments, ensureApproved, installPackage, paths, readState, subjectKeySecret, tcpOpen, toolchain, writeCcaasPackage, type DepartmentOrg,
} from '@govchain/network';
import { connectAs, type OperatorClient } from './fabric';
import { topology } from './network';
import type { RogueWrites } from '../rogue/rogue-contract';

const ROGUE_LABEL = 'govchain_rogue';
const dir = () => resolve(paths.root(), 'rogue');

/** A composite key exactly as the shim builds it (U+0000 separators). */
export const compositeKey = (objectType: string, attributes: string[]): string => `\u0000${objectType}\u0000${attributes.map((a) => `${a}\u0000`).join('')}`;

/** A stand-in for the stub's createCompositeKey, so tests build keys with the chaincode's own key helpers. */
export const keyStub = { createCompositeKey: compositeKey } as unknown as Parameters<typeof import('@govchain/chaincode').identityRef>[0];

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** True when the org's peer answers Rogue:Ping (it runs the rogue package). */
async function runsRogue(client: OperatorClient): Promise<boolean> {
  try {
    await client.contract('Rogue').evaluate('Ping', { endorsingOrganizations: [client.org.mspId] });
    return true;
  } catch {
    return false;
  }
}

/** Departments running modified chaincode on their own peers, and the means to attack with them. */
export interface RogueDepartments {
  /** One connected client (clerk1) per rogue department, by org name. */
  clients: Record<string, OperatorClient>;
  /**
   * Submits Rogue:Write through `via`'s peer gateway, endorsed by exactly `endorsers` (MSP ids), and returns the
   * validation code of the committed transaction (0 VALID, 10 ENDORSEMENT_POLICY_FAILURE, ...).
   */
  write(via: string, endorsers: string[], writes: RogueWrites): Promise<number>;
  /** Re-approves the honest package for every rogue department, waits until none runs the rogue code, stops the server. */
  restore(): Promise<void>;
}

/**
 * The rogue-pair harness. Builds a second CCaaS package naming a second chaincode server (the honest contracts
 * plus the test-only RogueContract, from test/dist/rogue), installs it on the given departments' peers and
 * re-approves the committed definition (same sequence) for those departments with the rogue package id, as
 * Fabric's per-org package ids allow. From then on those departments' peers endorse with the rogue code; every
 * other peer runs the honest chaincode. `restore` re-approves the honest package id. Every wait is bounded.
 */
export async function installRogueCode(orgNames: string[]): Promise<RogueDepartments> {
  const t = topology();
  const tc = toolchain();
  const honestId = readState()?.packageId;
  if (!honestId) throw new Error('the network state has no honest package id: is the network up?');
  const orgs = orgNames.map((n) => departments(t).find((o) => o.name === n)).filter((o): o is DepartmentOrg => !!o);
  if (orgs.length !== orgNames.length) throw new Error(`unknown department among ${orgNames.join(', ')}`);
  const port = await freePort();
  mkdirSync(dir(), { recursive: true });
  const pkg = await writeCcaasPackage(join(dir(), 'package'), ROGUE_LABEL, `${t.host}:${port}`);
  const ids = await Promise.all(orgs.map((o) => installPackage(t, tc, o, pkg)));
  const rogueId = ids[0] as string;

  // The module fabric-chaincode-node loads: a package.json whose main is the compiled rogue entry.
  writeFileSync(join(dir(), 'package.json'), JSON.stringify({ name: 'govchain-rogue', version: '0.0.0', main: resolve(__dirname, '..', 'rogue', 'rogue-chaincode.js') }));
  const cli = resolve(require.resolve('fabric-shim/package.json', { paths: [paths.chaincodeWorkspace()] }), '..', 'cli.js');
  const log = openSync(join(dir(), 'chaincode.log'), 'a');
  const server: ChildProcess = spawn(process.execPath, [cli, 'server', `--chaincode-address=${t.host}:${port}`, `--chaincode-id=${rogueId}`, `--module-path=${dir()}`], {
    cwd: dir(), detached: true, stdio: ['ignore', log, log],
    env: { ...process.env, GOVCHAIN_SUBJECT_KEY_SECRET: subjectKeySecret(), CORE_CHAINCODE_LOGGING_LEVEL: 'warning' },
  });
  closeSync(log);
  // `network down` stops companions that left a pid file under the data dir, should this test die midway.
  writeFileSync(join(dir(), 'chaincode.pid'), String(server.pid));
  const stopServer = () => {
    if (server.exitCode === null && server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(join(dir(), 'chaincode.pid'), { force: true });
  };
  const clients = Object.fromEntries(orgs.map((o) => [o.name, connectAs(o.name, 'clerk1')]));
  try {
    await until(`the rogue chaincode server on port ${port}`, () => tcpOpen(t.host, port), 30_000);
    for (const o of orgs) await ensureApproved(t, tc, o, definitionArgs(t), rogueId);
    for (const o of orgs) await until(`${o.name}'s peer to run the rogue package`, () => runsRogue(clients[o.name] as OperatorClient), 60_000);
  } catch (err) {
    // Best effort: put the honest package back before reporting, so later tests are unaffected.
    for (const o of orgs) await ensureApproved(t, tc, o, definitionArgs(t), honestId).catch(() => undefined);
    Object.values(clients).forEach((c) => c.close());
    stopServer();
    throw err;
  }
  return {
    clients,
    async write(via, endorsers, writes) {
      const client = clients[via];
      if (!client) throw new Error(`${via} does not run the rogue code`);
      const proposal = client.contract('Rogue').newProposal('Write', { arguments: [JSON.stringify(writes)], endorsingOrganizations: endorsers });
      const status = await (await (await proposal.endorse()).submit()).getStatus();
      return status.code;
    },
    async restore() {
      try {
        for (const o of orgs) await ensureApproved(t, tc, o, definitionArgs(t), honestId);
        for (const o of orgs) {
          const c = clients[o.name] as OperatorClient;
          await until(`${o.name}'s peer to run the honest package again`, async () => !(await runsRogue(c)), 60_000);
          await until(`${o.name}'s peer to answer System:Ping`, async () => {
            await c.contract('System').evaluate('Ping', { endorsingOrganizations: [o.mspId] });
            return true;
          }, 60_000);
        }
      } finally {
        Object.values(clients).forEach((c) => c.close());
        stopServer();
      }
    },
  };
}
