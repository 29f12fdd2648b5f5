import { Audit } from '../api/audit';
import { type Tx, canonicalBytes, errors, implementSubmit, requireCallerWithConfig } from '../core';
import { readDataset } from '../governance/queries';
import { readIdentity } from '../identity/queries';
import { writeOnce } from './access';
import { putEntries, readImportBatch } from './entries';
import { type AccessEntry, type ImportBatch, importBatchKey } from './records';
import type { ImportEntriesInput } from './schema';

/**
 * Audit:ImportEntries: a department admin brings one batch of the department's pre-GovChain access log onto
 * the ledger, so auditors and citizens see one history. Each entry is stored exactly like a RequestAccess entry
 * (same keys and indexes, write-once and anchored by the importing org) and marked with its batch. Guards: only
 * the org's own operators and datasets, only past times, only registered subjects, each batch id once. An
 * imported entry has already expired, and ReadPersonalData refuses it besides: importing never grants a read.
 */
export const importEntries = implementSubmit(Audit.tx.ImportEntries, async (tx, input) => {
  const { config } = await requireCallerWithConfig(tx.ctx, { roles: ['admin'], orgs: 'member' });
  const batchKey = importBatchKey(tx.stub, input.batchId);
  if (await readImportBatch(tx.stub, input.batchId)) throw errors.duplicate('this import batch is already on the ledger', { batchId: input.batchId });
  await checkEntries(tx, input);
  const times = input.entries.map((e) => e.at).sort();
  const entries = input.entries.map((e, i): AccessEntry => ({
    ...e, kind: 'access', accessId: `${tx.txId}n${i}`, accessorMsp: tx.caller.mspId, datasetOwnerMsp: tx.caller.mspId, expiresAt: e.at, grantId: null, importBatchId: input.batchId,
  }));
  await putEntries(tx.stub, config.members, entries);
  const batch: ImportBatch = {
    batchId: input.batchId, source: input.source, legalAuthority: input.legalAuthority, importerMsp: tx.caller.mspId,
    importedBy: tx.caller.operatorId, count: input.entries.length, firstAt: times[0] ?? tx.now, lastAt: times[times.length - 1] ?? tx.now, txId: tx.txId, at: tx.now,
  };
  await writeOnce(tx.stub, config.members)(batchKey, canonicalBytes(batch));
  tx.recordChange({ family: 'audit', id: input.batchId, action: 'entries-imported', version: 1 });
  return { batchId: input.batchId, count: batch.count, firstAccessId: `${tx.txId}n0` };
});

/** Every dataset owned by the caller's org with the fields listed, every time in the past, every subject registered. */
async function checkEntries(tx: Tx, input: ImportEntriesInput): Promise<void> {
  const fieldsOf = new Map<string, readonly string[]>();
  for (const id of new Set(input.entries.map((e) => e.dataset))) {
    const dataset = await readDataset(tx.stub, id);
    if (dataset.ownerMsp !== tx.caller.mspId) throw errors.forbiddenOrg('an org imports access to its own datasets only', { dataset: id, ownerMsp: dataset.ownerMsp });
    fieldsOf.set(id, dataset.fields);
  }
  for (const [index, e] of input.entries.entries()) {
    if (e.at >= tx.now) throw errors.invalidArgument('an imported access must predate the import', { index, at: e.at, now: tx.now });
    const unlisted = e.fields.filter((f) => !(fieldsOf.get(e.dataset) ?? []).includes(f));
    if (unlisted.length > 0) throw errors.invalidArgument('fields not listed in the catalogue entry', { index, dataset: e.dataset, fields: unlisted });
  }
  for (const subjectKey of new Set(input.entries.map((e) => e.subjectKey))) {
    if (!(await readIdentity(tx.stub, subjectKey))) throw errors.recordNotFound('no identity for this subject key', { subjectKey });
  }
}
