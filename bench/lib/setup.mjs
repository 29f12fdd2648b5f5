// What every measuring command does first: subject identities (legal representatives and authors) and the
// catalogue entry the audit loader cites. Returns the context the workloads take.
import { ensureDataset } from './audit.mjs';
import { systemPids } from './env.mjs';

/** Registers 5 citizens (direct clients), ensures the bench dataset; ctx = { subject, pool, seed, pids }. */
export async function setupRun(w, fabric, orgs, seed) {
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push((await w.direct.identity(i)).subjectKey);
  await ensureDataset(fabric, orgs);
  return { subject: ids[0], pool: ids.slice(1), seed, pids: systemPids() };
}
