import type { ChaincodeStub } from 'fabric-shim';
import { GOVERNANCE_CONFIG_KEY } from '../core/governance-config';
import { RecordRef } from '../core/versioned';
import { GrantRef } from './schema';

/** A data catalogue entry. */
export interface DatasetRecord {
  dataset: string;
  ownerMsp: string;
  fields: string[];
  shareClass: 'open' | 'conditional' | 'not_shared';
  legalBasis: string;
  description?: string;
}

/** A sharing grant; it takes effect only when status is 'approved' (by the owner org's admin) and unexpired. */
export interface GrantRecord extends GrantRef {
  grantId: string;
  ownerMsp: string;
  expiresAt: string;
  legalBasis: string;
  status: 'pending' | 'approved' | 'revoked';
  approvedByOwner: string | null;
  /** Tx id of the owner's approval; its anchor in the owner org's anchors collection proves it. */
  approvedTxId?: string | null;
}

/** A proposed change of a catalogue entry's owner, share class or fields, waiting for the owners' approval. */
export interface DatasetChange {
  dataset: string;
  proposed: DatasetRecord;
  status: 'pending' | 'applied';
  proposedTxId: string;
  /** The current owner and, when the owner changes, the new one. */
  requiredApprovals: string[];
  /** MSP -> approving admin ("operatorId@MSP"). */
  approvals: Record<string, string>;
}

export const FAMILY = 'governance';
export const DATASET_TYPE = 'gov.dataset';
export const GRANT_TYPE = 'gov.grant';
/** Pending catalogue changes (new with owner consent). */
export const DATASET_CHANGE_TYPE = 'gov.dataset.change';

/** The governance config record. */
export const configRef: RecordRef = { key: GOVERNANCE_CONFIG_KEY, family: FAMILY, id: 'config' };

/** A catalogue entry's record. */
export function datasetRef(stub: ChaincodeStub, dataset: string): RecordRef {
  return { key: stub.createCompositeKey(DATASET_TYPE, [dataset]), family: 'catalogue', id: dataset };
}

/** The pending change of a catalogue entry. */
export function datasetChangeRef(stub: ChaincodeStub, dataset: string): RecordRef {
  return { key: stub.createCompositeKey(DATASET_CHANGE_TYPE, [dataset]), family: 'catalogue-change', id: dataset };
}

/** Grant id: requesting MSP, dataset and purpose; one grant per triple, amended on re-proposal. */
export function grantIdOf(ref: GrantRef): string {
  return `${ref.requesterMsp}/${ref.dataset}/${ref.purpose}`;
}

/** A grant's record, keyed requester-first so grants of one org list together. */
export function grantRef(stub: ChaincodeStub, ref: GrantRef): RecordRef {
  return { key: stub.createCompositeKey(GRANT_TYPE, [ref.requesterMsp, ref.dataset, ref.purpose]), family: 'grant', id: grantIdOf(ref) };
}
