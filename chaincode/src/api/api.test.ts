import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { JSONSerializer } from 'fabric-contract-api';
import { contracts } from '../index';
import { CONTRACTS, CONTRACT_NAMES, ERRORS, TRANSACTIONS, wireParamNames } from './index';

/** fabric-shim's own metadata builder (the one the chaincode server runs); it ships without typings. */
const ChaincodeFromContract = createRequire(__filename)('fabric-shim/lib/contract-spi/chaincodefromcontract') as
  new (classes: unknown[], serializers: unknown, metadata: object, title: string, version: string) => { metadata: FabricMetadata };

interface FabricMetadata {
  contracts: Record<string, { info: { title: string; description: string }; transactions: Array<{ name: string; tag: string[]; parameters?: Array<{ name: string }> }> }>;
}

function fabricMetadata(): FabricMetadata {
  const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
  return new ChaincodeFromContract([...contracts], serializers, {}, 'govchain', '0.1.0').metadata;
}

describe('the contract API', () => {
  it('describes exactly the contracts and transactions fabric-shim serves: names, order, kind and parameters', () => {
    const served = fabricMetadata().contracts;
    assert.deepEqual(Object.keys(served).filter((n) => !n.startsWith('org.hyperledger')).sort(), [...CONTRACT_NAMES].sort());
    for (const api of Object.values(CONTRACTS)) {
      const contract = served[api.name];
      assert.ok(contract, `${api.name} is served`);
      assert.deepEqual(contract.info.title, api.name);
      assert.deepEqual(contract.info.description, api.description);
      assert.deepEqual(contract.transactions.map((t) => t.name), Object.keys(api.tx), `${api.name}: the same transactions in the same order`);
      for (const t of contract.transactions) {
        const spec = api.tx[t.name as keyof typeof api.tx] as (typeof TRANSACTIONS)[number];
        assert.equal(t.tag.includes('SUBMIT'), spec.kind === 'submit', `${api.name}:${t.name} kind`);
        assert.deepEqual((t.parameters ?? []).map((p) => p.name), wireParamNames(spec), `${api.name}:${t.name} parameters`);
      }
    }
    assert.equal(TRANSACTIONS.length, Object.values(served).reduce((n, c) => n + (c.transactions.length ?? 0), 0) - (served['org.hyperledger.fabric']?.transactions.length ?? 0));
  });

  it('takes a request id first in every submitted transaction but System:Probe, whose probe id plays that part', () => {
    const without = TRANSACTIONS.filter((t) => t.kind === 'submit' && !t.requestId).map((t) => `${t.contract}:${t.name}`);
    assert.deepEqual(without, ['System:Probe']);
    assert.ok(TRANSACTIONS.filter((t) => t.kind === 'evaluate').every((t) => !t.requestId));
  });

  it('declares every error key with an HTTP status and a meaning', () => {
    for (const [key, spec] of Object.entries(ERRORS)) {
      assert.match(key, /^[A-Z][A-Z0-9_]+$/);
      for (const status of [spec.status, ...('also' in spec ? spec.also : [])]) assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${key}: ${status}`);
      assert.ok(spec.meaning.length > 20 && spec.meaning.endsWith('.'), `${key} has a documented meaning`);
    }
  });

  it('bundles for a browser: no Fabric code and no Node built-in on the API entry', async () => {
    const result = await build({
      entryPoints: [resolve(__dirname, 'index.js')], bundle: true, platform: 'browser', format: 'iife', globalName: 'GovChainApi', write: false, logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    assert.doesNotMatch(code, /fabric-shim|fabric-contract-api|@hyperledger\/fabric-protos/);
    const ctx = createContext({ console });
    runInContext(code, ctx);
    assert.equal(runInContext("GovChainApi.Property.tx.RegisterTitle.name + ' ' + GovChainApi.ERRORS.RECORD_NOT_FOUND.status", ctx), 'RegisterTitle 404');
    assert.equal(runInContext("GovChainApi.usccSchema.safeParse('91110108MA01234567').success", ctx), false);
  });
});
