/**
 * The property transfer state machine as pure functions over record data: no Fabric, no I/O, so every
 * rule is unit-testable and every endorser computes the same result.
 *
 *   (title, no pending transfer) --propose--> proposed --approvals, consents--> proposed --complete--> completed
 *                                                  \--cancel--> cancelled
 */
import { errors } from '../core/error-helpers';
import type { LenderConsent, PartyApproval, TitleData, TransferData } from './records';

/** Sorted copy of distinct strings. */
export const sortedSet = (values: readonly string[]): string[] => [...new Set(values)].sort();

/** Refuses a proposal on a locked title or one that would not change ownership. */
export function assertCanPropose(title: TitleData, buyers: readonly string[]): void {
  if (title.pendingTransferId !== null) {
    throw errors.invalidState('title already has a pending transfer', { parcelNumber: title.parcelNumber, transferId: title.pendingTransferId });
  }
  const owners = sortedSet(title.owners);
  const next = sortedSet(buyers);
  if (owners.length === next.length && owners.every((o, i) => o === next[i])) {
    throw errors.ruleViolation('buyers are the current owners; nothing would be transferred', { parcelNumber: title.parcelNumber });
  }
}

/** A new transfer in state `proposed`; sellers are the current owners. */
export function newTransfer(title: TitleData, transferId: string, buyers: readonly string[], contractHash: string): TransferData {
  return {
    transferId,
    parcelNumber: title.parcelNumber,
    sellers: sortedSet(title.owners),
    buyers: sortedSet(buyers),
    contractHash,
    status: 'proposed',
    approvals: [],
    lenderConsents: [],
  };
}

function assertProposed(transfer: TransferData): void {
  if (transfer.status !== 'proposed') {
    throw errors.invalidState(`transfer is ${transfer.status}`, { transferId: transfer.transferId, status: transfer.status });
  }
}

/** Every party whose approval the transfer needs: all sellers and all buyers, each once. */
export function partiesOf(transfer: TransferData): string[] {
  return sortedSet([...transfer.sellers, ...transfer.buyers]);
}

/** Adds one party's approval; refuses non-parties (RULE_VIOLATION) and repeats (DUPLICATE). */
export function withApproval(transfer: TransferData, approval: Omit<PartyApproval, 'roles'>): TransferData {
  assertProposed(transfer);
  const roles: PartyApproval['roles'] = [];
  if (transfer.sellers.includes(approval.subjectKey)) roles.push('seller');
  if (transfer.buyers.includes(approval.subjectKey)) roles.push('buyer');
  if (roles.length === 0) {
    throw errors.ruleViolation('subject is neither a seller nor a buyer of this transfer', { transferId: transfer.transferId });
  }
  if (transfer.approvals.some((a) => a.subjectKey === approval.subjectKey)) {
    throw errors.duplicate('approval already recorded for this subject', { transferId: transfer.transferId, subjectKey: approval.subjectKey });
  }
  const approvals = [...transfer.approvals, { ...approval, roles }].sort((a, b) => (a.subjectKey < b.subjectKey ? -1 : 1));
  return { ...transfer, approvals };
}

/**
 * Adds a lender's consent for an encumbrance that is active on the title; consent for anything else
 * is refused so the record cannot carry meaningless consents.
 */
export function withLenderConsent(transfer: TransferData, activeEncumbranceIds: readonly string[], consent: LenderConsent): TransferData {
  assertProposed(transfer);
  if (!activeEncumbranceIds.includes(consent.encumbranceId)) {
    throw errors.ruleViolation('encumbrance is not active on this title', { transferId: transfer.transferId, encumbranceId: consent.encumbranceId });
  }
  if (transfer.lenderConsents.some((c) => c.encumbranceId === consent.encumbranceId)) {
    throw errors.duplicate('consent already recorded for this encumbrance', { transferId: transfer.transferId, encumbranceId: consent.encumbranceId });
  }
  const lenderConsents = [...transfer.lenderConsents, consent].sort((a, b) => (a.encumbranceId < b.encumbranceId ? -1 : 1));
  return { ...transfer, lenderConsents };
}

/** Parties that have not approved yet. */
export function missingApprovals(transfer: TransferData): string[] {
  const approved = new Set(transfer.approvals.map((a) => a.subjectKey));
  return partiesOf(transfer).filter((p) => !approved.has(p));
}

/** Active encumbrances whose lender has not consented to this transfer. */
export function missingConsents(transfer: TransferData, activeEncumbranceIds: readonly string[]): string[] {
  const consented = new Set(transfer.lenderConsents.map((c) => c.encumbranceId));
  return sortedSet(activeEncumbranceIds).filter((id) => !consented.has(id));
}

/**
 * Checks that a transfer may complete: proposed, every party approved (APPROVAL_MISSING), every active
 * encumbrance's lender consented (CONSENT_REQUIRED). Details name the missing parties by subject key,
 * which is already public on the transfer record.
 */
export function assertCompletable(transfer: TransferData, activeEncumbranceIds: readonly string[]): void {
  assertProposed(transfer);
  const missing = missingApprovals(transfer);
  if (missing.length > 0) {
    throw errors.approvalMissing('every seller and buyer must approve before completion', { transferId: transfer.transferId, missing });
  }
  const consents = missingConsents(transfer, activeEncumbranceIds);
  if (consents.length > 0) {
    throw errors.consentRequired('the lender of every active encumbrance must consent', { transferId: transfer.transferId, encumbranceIds: consents });
  }
}

/** The title after completion: buyers become owners and the lock is released. */
export function titleAfterTransfer(title: TitleData, transfer: TransferData): TitleData {
  return { ...title, owners: sortedSet(transfer.buyers), pendingTransferId: null };
}

/** Closes a transfer; completion is checked by {@link assertCompletable} first. */
export function closedTransfer(transfer: TransferData, status: 'completed' | 'cancelled'): TransferData {
  assertProposed(transfer);
  return { ...transfer, status };
}
