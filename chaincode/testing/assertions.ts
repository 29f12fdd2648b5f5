import assert from 'node:assert/strict';
import type { ChaincodeErrorKey } from '../src/api/errors';
import { parseGovChainError } from '../src/core/errors';
import { MemoryLedger, describeWriteSet } from './memory-ledger';

/** Awaits a call expected to fail with a GovChainError of the given key; returns its parsed form. */
export async function rejectsWithKey(call: Promise<unknown>, key: ChaincodeErrorKey) {
  try {
    await call;
  } catch (error) {
    const parsed = parseGovChainError((error as Error).message);
    assert.ok(parsed, `expected a GovChain error ${key}, got: ${(error as Error).message}`);
    assert.equal(parsed.key, key, `expected ${key}, got ${parsed.key}: ${parsed.message}`);
    return parsed;
  }
  assert.fail(`expected ${key}, but the call succeeded`);
}

/** A fingerprint of everything committed so far (state, private data, policies, events). */
export function ledgerSnapshot(ledger: MemoryLedger): string {
  return describeWriteSet({
    public: new Map([...ledger.state]),
    private: new Map([...ledger.collections].map(([c, m]) => [c, new Map([...m])])),
    validationParameters: new Map([...ledger.validationParameters]),
  }) + `\nevents ${ledger.events.length}`;
}
