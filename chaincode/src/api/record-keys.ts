import { AUDIT_KEYS } from '../audit/records';
import { BUSINESS_KEYS } from '../business/records';
import { COPYRIGHT_KEYS } from '../copyright/records';
import { GOVERNANCE_KEYS } from '../governance/records';
import { IDENTITY_KEYS } from '../identity/records';
import { PROPERTY_KEYS } from '../property/records';

/**
 * The records a transaction can write, by the object type of their composite key: what a receipt's write set
 * names. Indexes, the idempotency store and other helper keys are not records.
 */
export const LEDGER_RECORDS = {
  [COPYRIGHT_KEYS.deposit]: { family: 'copyright', kind: 'deposit' },
  [COPYRIGHT_KEYS.transfer]: { family: 'copyright', kind: 'transfer' },
  [COPYRIGHT_KEYS.licence]: { family: 'copyright', kind: 'licence' },
  [PROPERTY_KEYS.title]: { family: 'property', kind: 'title' },
  [PROPERTY_KEYS.transfer]: { family: 'property', kind: 'transfer' },
  [PROPERTY_KEYS.encumbrance]: { family: 'property', kind: 'encumbrance' },
  [BUSINESS_KEYS.business]: { family: 'business', kind: 'registration' },
  [IDENTITY_KEYS.identity]: { family: 'identity', kind: 'identity' },
  [AUDIT_KEYS.entry]: { family: 'audit', kind: 'entry' },
  [AUDIT_KEYS.importBatch]: { family: 'audit', kind: 'import-batch' },
  [AUDIT_KEYS.sealingOrder]: { family: 'audit', kind: 'sealing-order' },
  [AUDIT_KEYS.sealingEnd]: { family: 'audit', kind: 'sealing-end' },
  [AUDIT_KEYS.sealingExtension]: { family: 'audit', kind: 'sealing-extension' },
  [GOVERNANCE_KEYS.dataset]: { family: 'governance', kind: 'dataset' },
  [GOVERNANCE_KEYS.grant]: { family: 'governance', kind: 'grant' },
} as const;

/** A family of ledger records. */
export type RecordFamily = (typeof LEDGER_RECORDS)[keyof typeof LEDGER_RECORDS]['family'];
