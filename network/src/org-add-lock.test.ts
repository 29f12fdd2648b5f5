import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NetworkError } from './errors';
import { addOrg } from './org-add';
import { readState, writeState } from './processes';

describe('org:add takes the bring-up lock', () => {
  const saved = process.env.GOVCHAIN_NETWORK_DATA;
  const root = mkdtempSync(join(tmpdir(), 'org-add-lock-'));
  process.env.GOVCHAIN_NETWORK_DATA = root;
  after(() => {
    if (saved === undefined) delete process.env.GOVCHAIN_NETWORK_DATA;
    else process.env.GOVCHAIN_NETWORK_DATA = saved;
    rmSync(root, { recursive: true, force: true });
  });

  it('is refused with NETWORK_BUSY while a network:up (a live pid) holds the data directory, and leaves the lock to it', async () => {
    writeFileSync(join(root, 'up.lock'), String(process.pid));
    await assert.rejects(addOrg(['--org', 'TaxBureau'], () => undefined), (e: unknown) => e instanceof NetworkError && e.key === 'NETWORK_BUSY');
    assert.equal(readFileSync(join(root, 'up.lock'), 'utf8'), String(process.pid), 'the holder\'s lock is untouched');
  });

  it('releases the lock when it fails', async () => {
    rmSync(join(root, 'up.lock'));
    await assert.rejects(addOrg(['--org', 'TaxBureau'], () => undefined), (e: unknown) => e instanceof NetworkError && e.key !== 'NETWORK_BUSY', 'fails on the missing network, not on the lock');
    assert.equal(existsSync(join(root, 'up.lock')), false);
  });

  it('writes the state file whole (temp file and rename)', () => {
    writeState({ topologyPath: 't.json', startedAt: 'now', ready: false, processes: [] });
    assert.equal(readState()?.topologyPath, 't.json');
    assert.deepEqual(readdirSync(root).filter((n) => n.endsWith('.part')), []);
  });
});
