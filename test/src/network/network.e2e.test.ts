import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CommitError, EndorseError } from '@hyperledger/fabric-gateway';
import { departments, peerCli, toolchain } from '@govchain/network';
import { connectAs, OperatorClient, utf8 } from '../support/fabric';
import { eventually, peerHeights, topology } from '../support/network';

// Fabric's TxValidationCode for a transaction whose endorsements do not satisfy the policy.
const ENDORSEMENT_POLICY_FAILURE = 10;

describe('native Fabric network (default topology)', () => {
  const t = topology();
  const orgs = departments(t);
  const clients: OperatorClient[] = [];

  before(() => {
    for (const org of orgs) clients.push(connectAs(org.name, 'clerk1'));
  });
  after(() => clients.forEach((c) => c.close()));

  it('has at least 4 department orgs with one peer each, and 3 Raft orderers', () => {
    assert.ok(orgs.length >= 4, `expected >= 4 departments, got ${orgs.length}`);
    const oo = t.orgs.find((o) => o.kind === 'orderer');
    assert.equal(oo?.kind === 'orderer' ? oo.orderers.length : 0, 3);
  });

  it('commits a gateway-submitted transaction endorsed per the policy, readable from every org and at equal height on every peer', async () => {
    const probeId = `probe-${randomUUID()}`;
    const first = clients[0]!;
    const before = await peerHeights();
    const written = JSON.parse(utf8(await first.contract('System').submitTransaction('Probe', probeId))) as { probeId: string; mspId: string };
    assert.equal(written.probeId, probeId);
    assert.equal(written.mspId, first.org.mspId);
    for (const c of clients) {
      const read = await eventually(`${c.org.name} to read the probe`, async () =>
        JSON.parse(utf8(await c.contract('System').evaluateTransaction('ReadProbe', probeId))) as { probeId: string });
      assert.equal(read.probeId, probeId, `${c.org.name} reads the committed value`);
    }
    const heights = await eventually('every peer to reach the same height', async () => {
      const h = await peerHeights();
      const values = new Set(Object.values(h));
      return values.size === 1 ? h : undefined;
    });
    for (const [org, h] of Object.entries(heights)) assert.ok(h > (before[org] ?? 0), `${org} height grew`);
  });

  it('rejects at validation a transaction endorsed by a single department, and writes nothing', async () => {
    const probeId = `rogue-${randomUUID()}`;
    const rogue = clients[1]!;
    const proposal = rogue.contract('System').newProposal('Probe', { arguments: [probeId], endorsingOrganizations: [rogue.org.mspId] });
    const tx = await proposal.endorse();
    const submitted = await tx.submit();
    const status = await submitted.getStatus();
    assert.equal(status.successful, false);
    assert.equal(status.code, ENDORSEMENT_POLICY_FAILURE, `validation code ${status.code}`);
    for (const c of clients) {
      await assert.rejects(c.contract('System').evaluateTransaction('ReadProbe', probeId), (err: unknown) => {
        assert.ok(err instanceof EndorseError || err instanceof Error);
        assert.match(String((err as { details?: Array<{ message: string }> }).details?.map((d) => d.message) ?? err), /RECORD_NOT_FOUND/);
        return true;
      });
    }
  });

  it('reports ENDORSEMENT_POLICY_FAILURE through submitTransaction as a CommitError', async () => {
    const rogue = clients[2]!;
    await assert.rejects(
      rogue.contract('System').submit('Probe', { arguments: [`rogue2-${randomUUID()}`], endorsingOrganizations: [rogue.org.mspId] }),
      (err: unknown) => err instanceof CommitError && err.code === ENDORSEMENT_POLICY_FAILURE,
    );
  });

  it('reads the same value with the Fabric peer CLI (a client we did not write)', async () => {
    const probeId = `cli-${randomUUID()}`;
    const written = utf8(await clients[0]!.contract('System').submitTransaction('Probe', probeId));
    const org = orgs[orgs.length - 1]!;
    const out = await eventually('peer CLI to read the probe', async () =>
      (await peerCli(t, toolchain(), org, ['chaincode', 'query', '-C', t.channel, '-n', t.chaincode.name, '-c', JSON.stringify({ Args: ['System:ReadProbe', probeId] })])).trim());
    assert.deepEqual(JSON.parse(out), JSON.parse(written));
  });
});
