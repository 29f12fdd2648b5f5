import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestChannel, rejectsWithKey } from '../../testing';
import { SystemContract } from './system-contract';

const admin = { mspId: 'PublicSecurityMSP' };

describe('System', () => {
  it('pings, probes once and reads the probe, without role attributes', async () => {
    const ch = new TestChannel();
    const c = new SystemContract();
    assert.deepEqual(await ch.evaluateJson(c, 'Ping', [], { as: admin }), { pong: true, version: '0.1.0' });
    const written = await ch.submitJson<{ probeId: string; mspId: string; at: string }>(c, 'Probe', ['p-1'], { as: admin, time: '2025-05-05T05:05:05.000Z' });
    assert.deepEqual([written.probeId, written.mspId, written.at], ['p-1', 'PublicSecurityMSP', '2025-05-05T05:05:05.000Z']);
    assert.deepEqual(await ch.evaluateJson(c, 'ReadProbe', ['p-1'], { as: { mspId: 'NaturalResourcesMSP' } }), written);
    await rejectsWithKey(ch.submit(c, 'Probe', ['p-1'], { as: admin }), 'DUPLICATE');
    await rejectsWithKey(ch.submit(c, 'Probe', ['bad id'], { as: admin }), 'INVALID_ARGUMENT');
    await rejectsWithKey(ch.evaluate(c, 'ReadProbe', ['nope'], { as: admin }), 'RECORD_NOT_FOUND');
  });
});
