import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureToolchain, missingParts, toolchain } from './toolchain';
import { NetworkError } from './errors';

describe('toolchain', () => {
  it('resolves GOVCHAIN_FABRIC_BIN and lists every missing part', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-'));
    const saved = process.env.GOVCHAIN_FABRIC_BIN;
    process.env.GOVCHAIN_FABRIC_BIN = dir;
    try {
      const tc = toolchain();
      assert.equal(tc.binDir, dir);
      assert.deepEqual(missingParts(tc).sort(), ['config/core.yaml', 'config/orderer.yaml', 'configtxgen', 'configtxlator', 'fabric-ca-client', 'fabric-ca-server', 'orderer', 'osnadmin', 'peer'].sort());
    } finally {
      if (saved === undefined) delete process.env.GOVCHAIN_FABRIC_BIN;
      else process.env.GOVCHAIN_FABRIC_BIN = saved;
    }
  });

  it('says Go is missing, and what to install, before trying to build', async () => {
    const saved = { bin: process.env.GOVCHAIN_FABRIC_BIN, path: process.env.PATH };
    process.env.GOVCHAIN_FABRIC_BIN = mkdtempSync(join(tmpdir(), 'tc-'));
    process.env.PATH = mkdtempSync(join(tmpdir(), 'empty-path-'));
    try {
      await assert.rejects(ensureToolchain(() => undefined), (err: unknown) =>
        err instanceof NetworkError && err.key === 'TOOLCHAIN_GO_MISSING' && /install Go/.test(err.hint ?? ''));
    } finally {
      process.env.GOVCHAIN_FABRIC_BIN = saved.bin;
      process.env.PATH = saved.path;
      if (saved.bin === undefined) delete process.env.GOVCHAIN_FABRIC_BIN;
    }
  });
});
