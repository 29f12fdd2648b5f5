import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Audit, Identity, Property, System } from '@govchain/chaincode';
import { call, txRequest, type EvaluateCall, type SubmitCall } from './call';

const SUBJECT = 'a'.repeat(64);

test('a call is encoded as the contract declares: request id first for submits, numbers in decimal, JSON inputs', () => {
  const list = txRequest(call(Property.tx.ListTitlesByOwner, [SUBJECT, 20, '']));
  assert.deepEqual(list, { contract: 'Property', transaction: 'ListTitlesByOwner', args: [SUBJECT, '20', ''] });

  const input = { transferId: 'T-1', reason: 'withdrawn', legalAuthority: 'art. 1' };
  const write = txRequest(call(Property.tx.CancelTransfer, [input]), 'key-1');
  assert.deepEqual(write, { contract: 'Property', transaction: 'CancelTransfer', args: ['key-1', JSON.stringify(input)] });
});

test('transient entries travel as JSON in the transient map only, never in the arguments', () => {
  const claim = { idNumber: '11010519491231002X', name: 'Zhang San' };
  const req = txRequest(call(Identity.tx.Verify, ['acc-1'], { transient: { personalData: claim }, endorsingOrganizations: ['Org1MSP'] }));
  assert.deepEqual(req.args, ['acc-1']);
  assert.deepEqual(req.transient, { personalData: JSON.stringify(claim) });
  assert.deepEqual(req.endorsingOrganizations, ['Org1MSP']);
  assert.ok(!JSON.stringify(req.args).includes(claim.idNumber));
});

test('a transaction that reads transient data refuses a call without it; a submit refuses to go out without a request id', () => {
  assert.throws(() => call(Identity.tx.Verify, ['acc-1'], {} as never), /needs its transient entries/);
  assert.throws(() => txRequest(call(Audit.tx.RequestAccess, [{} as never])), /needs a request id/);
  // System:Probe's probe id is its own request id.
  assert.deepEqual(txRequest(call(System.tx.Probe, ['probe-1'])).args, ['probe-1']);
});

test('a call that disagrees with its contract does not compile', () => {
  const input = { transferId: 'T-1', reason: 'withdrawn', legalAuthority: 'art. 1' };
  assert.ok(call(Property.tx.CancelTransfer, [input]) satisfies SubmitCall);
  // Each entry must stay a compile error: tsc fails the build on an @ts-expect-error that has none.
  const wrong = (): unknown[] => [
    // @ts-expect-error GetRecord takes (kind, id)
    call(Property.tx.GetRecord, ['title']),
    // @ts-expect-error 'parcel' is not a property record kind
    call(Property.tx.GetRecord, ['parcel', 'P-1']),
    // @ts-expect-error pageSize is a number
    call(Property.tx.ListTransfers, ['P-1', '20', '']),
    // @ts-expect-error an evaluated transaction is not a write
    call(Property.tx.GetRecord, ['title', 'P-1']) satisfies SubmitCall,
    // @ts-expect-error a submitted transaction is not a read
    call(Property.tx.CancelTransfer, [input]) satisfies EvaluateCall,
  ];
  // At run time the first of them fails too, before anything reaches Fabric.
  assert.throws(wrong, /expected 2 arguments, got 1/);
});
