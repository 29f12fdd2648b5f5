import type { Context } from 'fabric-contract-api';
import { amendVersioned, createVersioned, errors, parseJsonArg, readVersioned, submit } from '../core';
import { putIndexEntry } from '../property/indexed-page';
import { applyPatch } from '../property/patch';
import { protectCopyrightKey, requireCopyrightOffice } from './copyright-access';
import { indexPersons, personsOf } from './person-index';
import {
  COPYRIGHT_KEYS, CopyrightTransferData, DepositData, LicenceData, copyrightTransferIdOf, copyrightTransferRef, depositRef,
  licenceIdOf, licenceRef, sortHolders,
} from './copyright-records';
import { assertNoExclusivityConflict, termsOf, withTerms } from './licence-rules';
import { amendLicenceSchema, copyrightTransferSchema, licenceSchema, terminateLicenceSchema } from './schema';

/**
 * Copyright:RecordTransfer(requestId, input) — records an assignment of the rights: a transfer record
 * (previous and new holders) and a new deposit version with the new holders.
 */
export async function recordTransfer(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(copyrightTransferSchema, raw, 'input');
  return submit(ctx, { txName: 'Copyright:RecordTransfer', requestId, input }, async (tx) => {
    const auth = await requireCopyrightOffice(ctx, ['registrar']);
    const dRef = depositRef(ctx.stub, input.depositId);
    const current = await readVersioned<DepositData>(tx, dRef);
    const n = current.transferCount + 1;
    const transferId = copyrightTransferIdOf(current.depositId, n);
    const xRef = copyrightTransferRef(ctx.stub, transferId);
    const data: CopyrightTransferData = {
      transferId, depositId: current.depositId, fromHolders: current.holders, toHolders: sortHolders(input.toHolders),
      contractHash: input.contractHash, effectiveDate: input.effectiveDate,
    };
    const transfer = await createVersioned(tx, xRef, data, input, 'rights_transferred');
    const depositRecord = await amendVersioned<DepositData>(tx, dRef, (d) => ({ ...d, holders: data.toHolders, transferCount: n }), input, 'rights_transferred');
    await putIndexEntry(ctx.stub, COPYRIGHT_KEYS.transferByDeposit, [current.depositId], transferId);
    await protectCopyrightKey(tx, auth, xRef.key);
    await protectCopyrightKey(tx, auth, dRef.key);
    await indexPersons(tx, auth, current.depositId, personsOf(data.toHolders));
    return { deposit: depositRecord, transfer };
  });
}

/**
 * Copyright:RecordLicence(requestId, input) — records a licence on a deposited work; refused with
 * RULE_VIOLATION when it would overlap an exclusive licence (or is exclusive and overlaps any licence) in
 * the same territory and period.
 */
export async function recordLicence(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(licenceSchema, raw, 'input');
  return submit(ctx, { txName: 'Copyright:RecordLicence', requestId, input }, async (tx) => {
    const auth = await requireCopyrightOffice(ctx, ['registrar']);
    const dRef = depositRef(ctx.stub, input.depositId);
    const current = await readVersioned<DepositData>(tx, dRef);
    const n = current.licenceCount + 1;
    const licenceId = licenceIdOf(current.depositId, n);
    const lRef = licenceRef(ctx.stub, licenceId);
    const data: LicenceData = {
      licenceId, depositId: current.depositId, licensee: input.licensee, exclusive: input.exclusive, scope: input.scope,
      territory: input.territory, startDate: input.startDate, endDate: input.endDate, contractHash: input.contractHash, status: 'active',
    };
    assertNoExclusivityConflict(termsOf(data), current.activeLicences);
    const licence = await createVersioned(tx, lRef, data, input, 'licence_recorded');
    await amendVersioned<DepositData>(tx, dRef, (d) => ({ ...d, licenceCount: n, activeLicences: withTerms(d.activeLicences, termsOf(data)) }), input, 'licence_recorded');
    await putIndexEntry(ctx.stub, COPYRIGHT_KEYS.licenceByDeposit, [current.depositId], licenceId);
    await protectCopyrightKey(tx, auth, lRef.key);
    await protectCopyrightKey(tx, auth, dRef.key);
    return licence;
  });
}

/**
 * Copyright:AmendLicence(requestId, input) — changes scope, territory or end date as a new version; the
 * new terms are checked for exclusivity conflicts like a new licence.
 */
export async function amendLicence(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(amendLicenceSchema, raw, 'input');
  return submit(ctx, { txName: 'Copyright:AmendLicence', requestId, input }, async (tx) => {
    const auth = await requireCopyrightOffice(ctx, ['registrar']);
    const ref = licenceRef(ctx.stub, input.licenceId);
    const current = await readVersioned<LicenceData>(tx, ref);
    assertActive(current);
    const { meta: _meta, ...currentData } = current;
    const next = applyPatch<LicenceData>(currentData, input.changes);
    if (next.endDate !== null && next.endDate < next.startDate) {
      throw errors.ruleViolation('endDate must not precede the licence startDate', { licenceId: next.licenceId, startDate: next.startDate });
    }
    const dRef = depositRef(ctx.stub, current.depositId);
    const holderDeposit = await readVersioned<DepositData>(tx, dRef);
    assertNoExclusivityConflict(termsOf(next), holderDeposit.activeLicences);
    const licence = await amendVersioned<LicenceData>(tx, ref, () => next, input, 'licence_amended');
    await amendVersioned<DepositData>(tx, dRef, (d) => ({ ...d, activeLicences: withTerms(d.activeLicences, termsOf(next)) }), input, 'licence_amended');
    await protectCopyrightKey(tx, auth, ref.key);
    await protectCopyrightKey(tx, auth, dRef.key);
    return licence;
  });
}

/** Copyright:TerminateLicence(requestId, input) — ends an active licence and frees its exclusivity. */
export async function terminateLicence(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(terminateLicenceSchema, raw, 'input');
  return submit(ctx, { txName: 'Copyright:TerminateLicence', requestId, input }, async (tx) => {
    const auth = await requireCopyrightOffice(ctx, ['registrar']);
    const ref = licenceRef(ctx.stub, input.licenceId);
    const licence = await amendVersioned<LicenceData>(tx, ref, (l) => {
      assertActive(l);
      return { ...l, status: 'terminated' };
    }, input, 'licence_terminated');
    const dRef = depositRef(ctx.stub, licence.depositId);
    await amendVersioned<DepositData>(tx, dRef, (d) => ({ ...d, activeLicences: d.activeLicences.filter((t) => t.licenceId !== licence.licenceId) }), input, 'licence_terminated');
    await protectCopyrightKey(tx, auth, ref.key);
    await protectCopyrightKey(tx, auth, dRef.key);
    return licence;
  });
}

function assertActive(licence: LicenceData): void {
  if (licence.status !== 'active') throw errors.invalidState('licence is terminated', { licenceId: licence.licenceId });
}
