/**
 * Test fixtures shared by the property, business and copyright tests: a channel bootstrapped through the
 * real Governance contract with the default topology's orgs, plus operator identities.
 * Test support only (imported by *.test.ts); core candidate next to chaincode/src/testing.
 */
import { GovernanceContract } from '../governance/governance-contract';
import type { Contract } from 'fabric-contract-api';
import { TestChannel, TestIdentity, describeWriteSet } from '../testing';

/** Default topology MSPs (network/topology.json). */
export const MSP = {
  gov: 'GovServiceCenterMSP',
  police: 'PublicSecurityMSP',
  land: 'NaturalResourcesMSP',
  market: 'MarketRegulationMSP',
  copyright: 'CopyrightOfficeMSP',
} as const;

/** An operator identity with the GovChain certificate attributes. */
export const operator = (mspId: string, role: string, operatorId = `${role}-1`): TestIdentity => ({ mspId, role, operatorId });

/** A 64-hex value made of one repeated character, or of a number: stands in for subject keys and hashes. */
export const hex = (seed: string | number): string =>
  (typeof seed === 'number' ? seed.toString(16).padStart(64, '0') : seed.repeat(64).slice(0, 64));

/** Amendment fields every submitted input carries. */
export const because = { reason: 'test', legalAuthority: 'Test Act art. 1' };

/** A channel whose governance config names the default registrars and members. */
export async function bootstrappedChannel(extraMembers: string[] = []): Promise<TestChannel> {
  const channel = new TestChannel();
  await channel.submit(new GovernanceContract(), 'Bootstrap', ['boot-1', JSON.stringify({
    ...because,
    governanceMsp: MSP.gov,
    members: [...Object.values(MSP), ...extraMembers],
    registrars: { identity: MSP.police, property: MSP.land, business: MSP.market, copyright: MSP.copyright },
  })], { as: operator(MSP.gov, 'admin') });
  return channel;
}

/**
 * Runs one transaction on two forks of the channel (equal state, same tx id and time) and returns both
 * write sets as text: a deterministic transaction yields identical text, and a non-empty one.
 */
export async function twoRuns(channel: TestChannel, contract: Contract, fn: string, args: string[], as: TestIdentity): Promise<[string, string]> {
  const options = { as, txId: 'determinism-tx', time: '2025-06-01T08:00:00.000Z' };
  const first = await channel.fork().simulate(contract, fn, args, options);
  const second = await channel.fork().simulate(contract, fn, args, options);
  return [describeWriteSet(first.writeSet), describeWriteSet(second.writeSet)];
}
