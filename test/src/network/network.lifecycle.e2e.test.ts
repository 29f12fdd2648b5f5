import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { allPorts, alive, collectStatus, down, paths, portFree, readState, toolchain, up } from '@govchain/network';
import { connectAs, utf8 } from '../support/fabric';
import { topology } from '../support/network';

// Runs after every other e2e file (the harness orders *.lifecycle.e2e files last): it takes the network down.
describe('network lifecycle', () => {
  it('down stops every process and removes generated data; up afterwards works again', async () => {
    const t = topology();
    const before = readState();
    assert.ok(before, 'the network is up before this test');
    const pids = before.processes.map((p) => p.pid);
    assert.ok(pids.length >= 15, `expected >= 15 processes, got ${pids.length}`);

    await down(() => undefined);
    assert.deepEqual(pids.filter((pid) => alive(pid)), [], 'no process left running');
    assert.equal(existsSync(paths.root()), false, 'generated data removed');
    const busy: string[] = [];
    for (const [label, port] of allPorts(t)) {
      // Gateways are not network processes; everything else must have let go of its port.
      if (!label.endsWith(' gateway') && !(await portFree(t.host, port))) busy.push(`${label}:${port}`);
    }
    assert.deepEqual(busy, [], 'every network port is free');

    const again = await up(() => undefined);
    assert.equal(again.alreadyUp, false);
    const rows = await collectStatus(t, toolchain(), again.state);
    assert.deepEqual(rows.filter((r) => r.health !== 'ok').map((r) => r.node), [], 'every node healthy after up');

    const client = connectAs(t.orgs.find((o) => o.kind === 'department')!.name, 'clerk1');
    try {
      const id = `after-restart-${randomUUID()}`;
      const written = JSON.parse(utf8(await client.contract('System').submitTransaction('Probe', id))) as { probeId: string };
      assert.equal(written.probeId, id);
    } finally {
      client.close();
    }

    const second = await up(() => undefined);
    assert.equal(second.alreadyUp, true, 'up on a healthy network says so and does nothing');
  });
});
