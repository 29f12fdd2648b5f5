import { OperatorClient } from './fabric';
import { Citizen } from './citizens';
import { rid, submitJson } from './tx';

/** What Identity:StagePersonalData returns (no personal data). */
export interface Staged { subjectKey: string; fingerprints: Record<string, string>; stagedTxId: string }

/** Transient map carrying personal data under the conventional key. */
export const transient = (value: unknown): Record<string, Uint8Array> => ({ personalData: Buffer.from(JSON.stringify(value)) });

/** Registers a citizen the way the gateway does: stage on the registrar's peer only, then register. */
export async function registerCitizen(registrar: OperatorClient, citizen: Citizen): Promise<Staged> {
  const identity = registrar.contract('Identity');
  const staged = await identity.submit('StagePersonalData', { arguments: [rid()], transientData: transient(citizen), endorsingOrganizations: [registrar.org.mspId] });
  const out = JSON.parse(Buffer.from(staged).toString()) as Staged;
  await submitJson(identity, 'Register', out);
  return out;
}
