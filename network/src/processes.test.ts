import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { running, type ManagedProcess } from './processes';

describe('process records', () => {
  it('a record runs only while its pid runs the command that was started (never a stranger that reused the pid)', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const rec: ManagedProcess = { name: 'x', kind: 'peer', org: 'o', pid: child.pid!, port: 1, log: '/dev/null', argv: ['sleep', '30'] };
      assert.equal(running(rec), true);
      assert.equal(running({ ...rec, argv: ['/usr/bin/peer', 'node'] }), false, 'another command under the same pid');
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      assert.equal(running(rec), false, 'an exited process');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
