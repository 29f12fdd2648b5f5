import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { departments, killNode, ledgerHeights, paths, readState, running, stop, up, waitPeersLevel } from '@govchain/network';
import { connectAs, utf8 } from '../support/fabric';
import { lookup, registerCitizen } from '../support/identity';
import { eventually, topology } from '../support/network';
import { type PersonalData, randomCitizen } from '@govchain/testing';

// Runs in the lifecycle phase (after the fault files): it stops and kills the whole network, and leaves it up.

/** The creation steps a restart must skip: nothing of the channel, the chaincode or the identities is created again. */
const CREATION_STEPS = ['identities', 'genesis', 'orderers-join', 'peers-join', 'chaincode-define', 'governance'];

interface Written {
  probes: string[];
  citizens: Array<{ citizen: PersonalData; subjectKey: string }>;
}

const quiet = () => undefined;
const t = topology();

/** Writes a probe from every department and registers two citizens (public record plus private data). */
async function writeRecords(): Promise<Written> {
  const probes: string[] = [];
  for (const org of departments(t)) {
    const c = connectAs(org.name, 'clerk1');
    try {
      const id = `restart-${randomUUID()}`;
      await c.contract('System').submitTransaction('Probe', id);
      probes.push(id);
    } finally {
      c.close();
    }
  }
  const registrar = connectAs('PublicSecurity', 'registrar1');
  try {
    const citizens = [];
    for (const citizen of [randomCitizen(), randomCitizen()]) {
      citizens.push({ citizen, subjectKey: (await eventually('registration', () => registerCitizen(registrar, citizen))).subjectKey });
    }
    return { probes, citizens };
  } finally {
    registrar.close();
  }
}

/**
 * Reads every record back from every department's own peer: probes and identity records everywhere, and the
 * registrar's private data (Verify matches it) on the registrar's peer.
 */
async function readBack(w: Written): Promise<void> {
  for (const org of departments(t)) {
    const c = connectAs(org.name, 'clerk1');
    try {
      const on = { endorsingOrganizations: [c.org.mspId] };
      for (const id of w.probes) {
        const read = await eventually(`${org.name} to read probe ${id}`, async () => JSON.parse(utf8(await c.contract('System').evaluate('ReadProbe', { arguments: [id], ...on }))) as { probeId: string });
        assert.equal(read.probeId, id);
      }
      for (const { subjectKey } of w.citizens) {
        const rec = await eventually(`${org.name} to read identity ${subjectKey}`, async () => JSON.parse(utf8(await c.contract('Identity').evaluate('Get', { arguments: [subjectKey], ...on }))) as { status: string });
        assert.equal(rec.status, 'active');
      }
    } finally {
      c.close();
    }
  }
  const ps = connectAs('PublicSecurity', 'registrar1');
  try {
    for (const { citizen } of w.citizens) {
      const verified = await lookup<{ match: boolean }>(ps, 'verify', { idNumber: citizen.idNumber, name: citizen.name });
      assert.deepEqual(verified.answer, { match: true }, 'the private data survived');
    }
  } finally {
    ps.close();
  }
}

/** SHA-256 of every node's enrolment and TLS certificate: a restart keeps the same identities. */
function nodeCertificates(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const org of t.orgs) {
    const nodes = org.kind === 'orderer' ? org.orderers.map((o) => o.name) : org.peers.map((p) => p.name);
    for (const n of nodes) {
      for (const f of [join('msp', 'signcerts', 'cert.pem'), join('tls', 'server.crt')]) {
        out[`${org.name}/${n}/${f}`] = createHash('sha256').update(readFileSync(join(paths.node(org.name, n), f))).digest('hex');
      }
    }
  }
  return out;
}

/** Asserts the result of an `up` on an existing network's data, then that everything written is still there. */
async function assertRestarted(again: Awaited<ReturnType<typeof up>>, before: { certs: Record<string, string>; packageId?: string; heights: Record<string, number> }, written: Written[]): Promise<void> {
  assert.equal(again.alreadyUp, false);
  assert.equal(again.restarted, true, 'up found the data and restarted the network');
  assert.deepEqual(CREATION_STEPS.filter((s) => !again.skipped.includes(s)), [], 'no creation step ran again');
  assert.equal(again.state.packageId, before.packageId, 'same chaincode package');
  assert.deepEqual(nodeCertificates(), before.certs, 'same node identities');
  assert.ok(again.state.processes.every(running), 'every node runs again');
  for (const w of written) await readBack(w);
  const level = await waitPeersLevel(t);
  assert.ok(level >= Math.max(...Object.values(before.heights)), `no block lost: height ${level} vs ${JSON.stringify(before.heights)}`);
  const heights = await ledgerHeights(t);
  const peers = Object.entries(heights).filter(([n]) => n.startsWith('peer'));
  assert.equal(peers.length, departments(t).length);
  assert.ok(peers.every(([, h]) => h === level), `every peer at height ${level}: ${JSON.stringify(heights)}`);
}

function snapshot() {
  const packageId = readState()?.packageId;
  return { certs: nodeCertificates(), heights: {} as Record<string, number>, ...(packageId ? { packageId } : {}) };
}

describe('stop and restart keep the ledger', () => {
  const written: Written[] = [];

  it('network:stop stops every node and keeps the data; up restarts the same network without creating anything again', async () => {
    written.push(await writeRecords());
    const before = snapshot();
    before.heights = await ledgerHeights(t);
    const procs = readState()!.processes;
    await stop(quiet);
    const stopped = readState();
    assert.ok(stopped?.stoppedAt, 'the state records the stop');
    assert.deepEqual(procs.filter(running).map((p) => p.name), [], 'no node left running');
    assert.ok(existsSync(paths.genesisBlock()) && existsSync(join(paths.node('PublicSecurity', 'peer0'), 'data')), 'ledgers and channel data kept');
    await assertRestarted(await up(quiet), before, written);
  });

  it('after every node is killed with SIGKILL (data kept), up recovers the same way', async () => {
    written.push(await writeRecords());
    const before = snapshot();
    before.heights = await ledgerHeights(t);
    const procs = readState()!.processes;
    await Promise.all(procs.map((p) => killNode(p.name)));
    assert.deepEqual(procs.filter(running).map((p) => p.name), [], 'every node killed');
    await assertRestarted(await up(quiet), before, written);
    // And it takes new writes.
    written.push(await writeRecords());
    await readBack(written[written.length - 1]!);
  });
});
