import { OperatorClient } from './fabric';
import { rid, submitJson } from './tx';
import { type PersonalData } from '@govchain/testing';

/** What Identity:StagePersonalData returns (no personal data). */
export interface Staged { subjectKey: string; fingerprints: Record<string, string>; stagedTxId: string }

/** Transient map carrying personal data under the conventional key. */
export const transient = (value: unknown): Record<string, Uint8Array> => ({ personalData: Buffer.from(JSON.stringify(value)) });

/** Registers a citizen the way the gateway does: stage on the registrar's peer only, then register. */
export async function registerCitizen(registrar: OperatorClient, citizen: PersonalData): Promise<Staged> {
  const identity = registrar.contract('Identity');
  const staged = await identity.submit('StagePersonalData', { arguments: [rid()], transientData: transient(citizen), endorsingOrganizations: [registrar.org.mspId] });
  const out = JSON.parse(Buffer.from(staged).toString()) as Staged;
  await submitJson(identity, 'Register', out);
  return out;
}

/** Why a lookup is made, as every lookup must say. */
export const LOOKUP_REASON = { purpose: 'counter-service', legalBasis: 'Resident Identity Card Law art. 15', caseId: 'E2E-LOOKUP' };

/**
 * An identity lookup as the gateway does it: Audit:RecordLookup (submitted, committed), then Identity:Verify or
 * Identity:SubjectKey on the caller's own org's peer citing the committed entry.
 */
export async function lookup<T>(client: OperatorClient, kind: 'verify' | 'subject-key', claim: Record<string, string>): Promise<{ accessId: string; answer: T }> {
  const transientData = transient(claim);
  const { accessId } = await submitJson<{ accessId: string }>(client.contract('Audit'), 'RecordLookup', { lookup: kind, ...LOOKUP_REASON }, { transientData, endorsingOrganizations: lookupEndorsers(client) });
  const bytes = await client.contract('Identity').evaluate(kind === 'verify' ? 'Verify' : 'SubjectKey', { arguments: [accessId], transientData, endorsingOrganizations: [client.org.mspId] });
  return { accessId, answer: JSON.parse(Buffer.from(bytes).toString('utf8')) as T };
}

/** The org's own peer (its anchors collection) and one other department: transient data goes only to named orgs. */
export function lookupEndorsers(client: OperatorClient): string[] {
  const other = client.org.mspId === 'GovServiceCenterMSP' ? 'PublicSecurityMSP' : 'GovServiceCenterMSP';
  return [client.org.mspId, other];
}
