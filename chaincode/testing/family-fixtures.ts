/**
 * Test helpers shared by the property, business and copyright tests, on top of the shared
 * channel fixtures of this folder (MSP names, governance bootstrap, citizen registration).
 * Test support only (imported by *.test.ts).
 */
import assert from 'node:assert/strict';
import type { Contract } from 'fabric-contract-api';
import { MSP, TestChannel, type TestIdentity, WHO, bootstrap, describeWriteSet, governance, isSubmit, transactionsOf } from '.';

export { MSP };
export { hex } from '@govchain/testing';

/** An operator identity with the GovChain certificate attributes. */
export const operator = (mspId: string, role: string, operatorId = `${role}-1`): TestIdentity => ({ mspId, role, operatorId });

/** Amendment fields every submitted input carries. */
export const because = { reason: 'test', legalAuthority: 'Test Act art. 1' };

/**
 * A channel bootstrapped with the default topology; extra members (e.g. a bank org acting as lender) are
 * added through Governance:SetMembers, as an operator would.
 */
export async function bootstrappedChannel(extraMembers: string[] = []): Promise<TestChannel> {
  const channel = new TestChannel();
  await bootstrap(channel);
  if (extraMembers.length > 0) {
    await channel.submit(governance, 'SetMembers', ['members-1', JSON.stringify({ members: [...Object.values(MSP), ...extraMembers], ...because })], { as: WHO.govAdmin });
  }
  return channel;
}

/**
 * Runs one transaction on two forks of the channel (equal state, same tx id and time) and returns both
 * write sets (and results) as text: a deterministic transaction yields identical text, and a non-empty one.
 */
export async function twoRuns(channel: TestChannel, contract: Contract, fn: string, args: string[], as: TestIdentity): Promise<[string, string]> {
  const options = { as, txId: 'determinism-tx', time: '2025-06-01T08:00:00.000Z' };
  const first = await channel.fork().simulate(contract, fn, args, options);
  const second = await channel.fork().simulate(contract, fn, args, options);
  return [first, second].map((run) => `${describeWriteSet(run.writeSet)}\nresult ${run.result}`) as [string, string];
}

/** Fails when a contract declares a submit transaction that a determinism test did not run. */
export function assertCoversEverySubmit(contract: Contract, ran: readonly string[]): void {
  const declared = transactionsOf(contract).filter(isSubmit).map((t) => t.name);
  assert.deepEqual(declared.filter((name) => !ran.includes(name)), [], `${contract.getName()} submit transactions without a determinism run`);
}
