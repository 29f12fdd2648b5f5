import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { collectStatus, departments, loadTopology, networkDir, paths, peerCli, readState, stop, toolchain, up, type Topology } from '@govchain/network';
import { connectAs, utf8 } from '../support/fabric';
import { withJoiningDepartment } from '../support/joining-org';
import { eventually, topology } from '../support/network';

// A lifecycle file, and named to sort after the others: it changes the channel for good (a sixth department), so
// it runs last; the harness's network:down removes everything, the new department's CA and peer included.

const JOINING = 'TaxBureau';
const cli = resolve(networkDir, 'dist', 'cli.js');

/** Runs the network CLI with the given topology file; returns its exit code and output. */
function networkCli(topologyFile: string, args: string[], timeoutMs: number): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, GOVCHAIN_TOPOLOGY: topologyFile }, encoding: 'utf8', timeout: timeoutMs });
  return { status: run.status, out: `${run.stdout ?? ''}${run.stderr ?? ''}` };
}

/** Writes a topology copy into the data directory (network:down removes it) and returns its path. */
function writeTopology(name: string, t: Topology): string {
  const file = join(paths.root(), `topology-${name}.json`);
  writeFileSync(file, JSON.stringify(t, null, 2));
  return file;
}

/** The MSP ids whose endorsements a committed transaction carries, and its validation code, read through qscc. */
async function committedEndorsers(orgName: string, txId: string, channel: string): Promise<{ code: number; endorsers: string[] }> {
  const c = connectAs(orgName, 'clerk1');
  try {
    const bytes = await c.gateway.getNetwork(channel).getContract('qscc').evaluateTransaction('GetTransactionByID', channel, txId);
    const processed = peer.ProcessedTransaction.deserializeBinary(bytes);
    const payload = common.Payload.deserializeBinary(processed.getTransactionenvelope()!.getPayload_asU8());
    const action = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()[0]!;
    const endorsements = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction()!.getEndorsementsList();
    return { code: processed.getValidationcode(), endorsers: endorsements.map((e) => msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid()).sort() };
  } finally {
    c.close();
  }
}

describe('a department joins the live channel (org:add)', () => {
  const t = topology();
  const joined = withJoiningDepartment(t, JOINING);
  const joiningMsp = `${JOINING}MSP`;
  const gov = departments(t).find((o) => o.governs)!;
  let probeAfterJoin: string | undefined;

  it('refuses bad input with a keyed error and writes nothing', () => {
    const file = writeTopology('org-join', joined);
    const before = readState()!;
    const updates = join(paths.channelDir(), 'updates');
    const withoutExisting = { ...joined, orgs: joined.orgs.filter((o) => o.name !== departments(t).at(-1)!.name) };
    const cases: Array<[string, string, string]> = [
      [file, 'Nowhere', 'ORG_UNKNOWN'],
      [file, gov.name, 'ORG_IN_CHANNEL'],
      [writeTopology('org-join-missing', withoutExisting), JOINING, 'TOPOLOGY_MISSING_ORG'],
      [resolve(process.env.GOVCHAIN_TOPOLOGY ?? resolve(networkDir, 'topology.json')), JOINING, 'ORG_UNKNOWN'],
    ];
    for (const [topologyFile, org, key] of cases) {
      const r = networkCli(topologyFile, ['org:add', '--org', org], 60_000);
      assert.equal(r.status, 1, `org:add --org ${org} exits 1: ${r.out}`);
      assert.match(r.out, new RegExp(`\\[network\\] ${key}: `), `org:add --org ${org} says ${key}`);
      assert.match(r.out, /\[network\] next: /, 'and the next step');
    }
    assert.equal(existsSync(updates), false, 'no config update written');
    assert.equal(existsSync(paths.org(JOINING)), false, 'no identities of the joining org written');
    assert.deepEqual(readState()!.processes.map((p) => p.name), before.processes.map((p) => p.name), 'no node started');
  });

  it('joins: a record committed before is readable on its peer, and its peer endorses new transactions', async () => {
    const before = `before-join-${randomUUID()}`;
    const writer = connectAs(gov.name, 'clerk1');
    try {
      await writer.contract('System').submitTransaction('Probe', before);
    } finally {
      writer.close();
    }

    // The path across hosts, on one host: prepare the update, two admins sign it as files (org:sign), then org:add
    // adds the third signature a majority of five needs, submits, and completes the join.
    const file = writeTopology('org-join', joined);
    const started = Date.now();
    const prepared = networkCli(file, ['org:add', '--org', JOINING, '--prepare'], 300_000);
    assert.equal(prepared.status, 0, `org:add --prepare succeeds:\n${prepared.out}`);
    const update = join(paths.channelDir(), 'updates', JOINING);
    assert.ok(existsSync(join(update, 'update.pb')), 'the unsigned update is written');
    const self = networkCli(file, ['org:sign', '--org', JOINING, '--as', JOINING], 60_000);
    assert.match(self.out, /INVALID_ARGUMENT: the joining org cannot sign/, 'the joining org cannot sign its own admission');
    const signers = departments(t).filter((o) => !o.governs).slice(0, 2);
    for (const o of signers) {
      const signed = networkCli(file, ['org:sign', '--org', JOINING, '--as', o.name], 60_000);
      assert.equal(signed.status, 0, `org:sign --as ${o.name} succeeds:\n${signed.out}`);
    }
    assert.deepEqual(readdirSync(join(update, 'signatures')).sort(), signers.map((o) => `${o.name}.sig`).sort(), 'one signature file per admin');
    const r = networkCli(file, ['org:add', '--org', JOINING], 600_000);
    assert.equal(r.status, 0, `org:add succeeds:\n${r.out}`);
    assert.match(r.out, /3 of 5 org admins signed/, 'a majority of the five existing orgs signed');
    console.log(`[org-join] org:add took ${((Date.now() - started) / 1000).toFixed(1)} s:\n${r.out.split('\n').filter((l) => l.startsWith('[network]')).join('\n')}`);

    const tc = toolchain();
    const newT = loadTopology(file);
    const newOrg = departments(newT).find((o) => o.name === JOINING)!;
    const out = await peerCli(newT, tc, newOrg, ['lifecycle', 'chaincode', 'querycommitted', '-C', t.channel, '-n', t.chaincode.name, '--output', 'json']);
    const committed = JSON.parse(out.slice(out.indexOf('{'))) as { sequence: number; approvals: Record<string, boolean> };
    assert.equal(committed.sequence, t.chaincode.sequence + 1, 'the next definition sequence is committed');
    assert.equal(committed.approvals[joiningMsp], true, 'approved by the joining org too');
    assert.equal(Object.values(committed.approvals).filter(Boolean).length, departments(newT).length, 'approved by every org');

    const c = connectAs(JOINING, 'clerk1');
    try {
      const own = { endorsingOrganizations: [joiningMsp] };
      const read = await eventually(`${JOINING}'s peer to read ${before}`, async () =>
        JSON.parse(utf8(await c.contract('System').evaluate('ReadProbe', { arguments: [before], ...own }))) as { probeId: string }, 60_000);
      assert.equal(read.probeId, before, 'the record committed before the join is on the new peer');

      const govConfig = JSON.parse(utf8(await c.contract('Governance').evaluate('GetConfig', own))) as { members: string[] };
      assert.ok(govConfig.members.includes(joiningMsp), 'governance counts the new department as a member');

      const after = `after-join-${randomUUID()}`;
      const proposal = c.contract('System').newProposal('Probe', { arguments: [after], endorsingOrganizations: [joiningMsp, gov.mspId] });
      const submitted = await (await proposal.endorse()).submit();
      const status = await submitted.getStatus();
      assert.equal(status.successful, true, `the transaction endorsed by ${joiningMsp} commits (code ${status.code})`);
      const tx = await committedEndorsers(gov.name, submitted.getTransactionId(), t.channel);
      assert.equal(tx.code, 0, 'VALID on the existing orgs\' ledgers');
      assert.ok(tx.endorsers.includes(joiningMsp), `the committed transaction carries ${joiningMsp}'s endorsement: ${tx.endorsers.join(', ')}`);
    } finally {
      c.close();
    }

    const state = readState()!;
    assert.equal(state.topologyPath, file, 'the network now runs from the joined topology');
    const rows = await collectStatus(newT, tc, state);
    assert.deepEqual(rows.filter((row) => row.health !== 'ok').map((row) => row.node), [], 'every node healthy, the new CA and peer included');
    assert.ok(rows.some((row) => row.node.includes(JOINING.toLowerCase())), 'status lists the new department\'s nodes');
    probeAfterJoin = before;
  });

  it('a stop and up from the joined topology restart the new department with its data and create nothing again', async () => {
    assert.ok(probeAfterJoin, 'the join test ran');
    const file = join(paths.root(), 'topology-org-join.json');
    // In this process, with the joined topology in use (as network:up with GOVCHAIN_TOPOLOGY would have it).
    const previous = process.env.GOVCHAIN_TOPOLOGY;
    process.env.GOVCHAIN_TOPOLOGY = file;
    try {
      await stop(() => undefined);
      const again = await up(() => undefined);
      assert.equal(again.restarted, true);
      assert.deepEqual(['identities', 'genesis', 'orderers-join', 'peers-join', 'chaincode-define', 'governance'].filter((s) => !again.skipped.includes(s)), [],
        'no creation step runs again: the joined department\'s identities, its ledger and the sequence-2 definition are kept');
    } finally {
      if (previous === undefined) delete process.env.GOVCHAIN_TOPOLOGY;
      else process.env.GOVCHAIN_TOPOLOGY = previous;
    }
    const c = connectAs(JOINING, 'clerk1');
    try {
      const read = await eventually(`${JOINING}'s restarted peer to read ${probeAfterJoin}`, async () =>
        JSON.parse(utf8(await c.contract('System').evaluate('ReadProbe', { arguments: [probeAfterJoin!], endorsingOrganizations: [joiningMsp] }))) as { probeId: string }, 60_000);
      assert.equal(read.probeId, probeAfterJoin);
      const again = `after-restart-${randomUUID()}`;
      await c.contract('System').submit('Probe', { arguments: [again], endorsingOrganizations: [joiningMsp, gov.mspId] });
    } finally {
      c.close();
    }
  });
});
