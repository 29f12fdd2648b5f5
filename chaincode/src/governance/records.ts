import type { z } from 'zod';
import { GOVERNANCE_CONFIG_KEY } from '../core/governance-config-key';
import type { KeyStub, RecordRef } from '../core/keys';
import type { GrantRef, datasetChangeSchema, datasetRecordSchema, grantRecordSchema } from './schema';

/** A data catalogue entry. */
export type DatasetRecord = z.infer<typeof datasetRecordSchema>;
/** A sharing grant. */
export type GrantRecord = z.infer<typeof grantRecordSchema>;
/** A pending change of a catalogue entry. */
export type DatasetChange = z.infer<typeof datasetChangeSchema>;

export const GOVERNANCE_FAMILY = 'governance';

/** Composite-key object types of the governance family (the config is the simple key GOVERNANCE_CONFIG_KEY). */
export const GOVERNANCE_KEYS = {
  dataset: 'gov.dataset',
  grant: 'gov.grant',
  /** Pending catalogue changes (new with owner consent). */
  datasetChange: 'gov.dataset.change',
} as const;

/** The governance config record. */
export const configRef: RecordRef = { key: GOVERNANCE_CONFIG_KEY, family: GOVERNANCE_FAMILY, id: 'config' };

/** A catalogue entry's record. */
export function datasetRef(stub: KeyStub, dataset: string): RecordRef {
  return { key: stub.createCompositeKey(GOVERNANCE_KEYS.dataset, [dataset]), family: 'catalogue', id: dataset };
}

/** The pending change of a catalogue entry. */
export function datasetChangeRef(stub: KeyStub, dataset: string): RecordRef {
  return { key: stub.createCompositeKey(GOVERNANCE_KEYS.datasetChange, [dataset]), family: 'catalogue-change', id: dataset };
}

/** Grant id: requesting MSP, dataset and purpose; one grant per triple, amended on re-proposal. */
export function grantIdOf(ref: GrantRef): string {
  return `${ref.requesterMsp}/${ref.dataset}/${ref.purpose}`;
}

/** A grant's record, keyed requester-first so grants of one org list together. */
export function grantRef(stub: KeyStub, ref: GrantRef): RecordRef {
  return { key: stub.createCompositeKey(GOVERNANCE_KEYS.grant, [ref.requesterMsp, ref.dataset, ref.purpose]), family: 'grant', id: grantIdOf(ref) };
}
