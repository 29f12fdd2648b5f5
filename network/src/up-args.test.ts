import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { NetworkError } from './errors';
import { parseUpArgs, upEnvironment } from './up-args';
import { loadTopology } from './topology';

const invalid = (pattern: RegExp) => (err: unknown) => err instanceof NetworkError && err.key === 'INVALID_ARGUMENT' && pattern.test(err.message);

describe('network:up flags (--org, --exchange)', () => {
  const t = loadTopology();

  it('no flags: every org on this machine, nothing set', () => {
    assert.deepEqual(parseUpArgs([], t), {});
    assert.deepEqual(upEnvironment({}), {});
  });

  it('--org takes names or MSP ids, in either form, and gives topology names in topology order', () => {
    assert.deepEqual(parseUpArgs(['--org', 'PublicSecurity'], t), { orgs: ['PublicSecurity'] });
    assert.deepEqual(parseUpArgs(['--org=NaturalResourcesMSP,Orderer'], t), { orgs: ['Orderer', 'NaturalResources'] });
    assert.deepEqual(upEnvironment(parseUpArgs(['--org', 'PublicSecurity', '--exchange', 'x/y'], t)), { GOVCHAIN_ORG: 'PublicSecurity', GOVCHAIN_EXCHANGE: resolve('x/y') });
  });

  it('refuses an org the topology does not have with INVALID_ARGUMENT, listing the orgs it has', () => {
    assert.throws(() => parseUpArgs(['--org', 'Treasury'], t), (err: unknown) =>
      invalid(/unknown org Treasury/)(err) && /GovServiceCenter/.test((err as NetworkError).hint ?? ''));
    assert.throws(() => parseUpArgs(['--org', ' , '], t), invalid(/needs an org name/));
  });

  it('refuses unknown flags, a flag without its value and stray arguments', () => {
    assert.throws(() => parseUpArgs(['--orgs', 'PublicSecurity'], t), invalid(/--orgs/));
    assert.throws(() => parseUpArgs(['--org'], t), invalid(/org/));
    assert.throws(() => parseUpArgs(['PublicSecurity'], t), invalid(/no arguments/));
    assert.throws(() => parseUpArgs(['--exchange', ''], t), invalid(/directory/));
  });
});
