#!/usr/bin/env node
// P5 on a ledger that is already loaded: times the 50-entry audit page of one subject (30 REST + 30 direct reads,
// p50) without loading anything. The default subject is the one a bench run measured: the subject of the oldest
// entry of the generated legacy operator `legacy.clerk0` (entry 0 of the run). Prints the page times and how many
// audit entries the ledger holds per the import batch records of that run.
// usage: node bench/audit-page.mjs [--subject <64 hex>] [--page-size 50]
import { parseArgs } from 'node:util';
import { measurePage } from './lib/audit.mjs';
import { directClients } from './lib/fabric.mjs';
import { runSeed } from './lib/fixtures.mjs';
import { departmentsByRole, workloads } from './lib/workloads.mjs';

const { values: a } = parseArgs({ options: { subject: { type: 'string' }, 'page-size': { type: 'string', default: '50' } } });
const pageSize = Number(a['page-size']);
if (!(pageSize >= 1 && pageSize <= 100) || (a.subject && !/^[0-9a-f]{64}$/.test(a.subject))) {
  console.error('BENCH_BAD_FLAG: --subject is 64 lower-case hex, --page-size 1..100');
  process.exit(2);
}
const fabric = directClients();
const orgs = departmentsByRole();
try {
  let subject = a.subject;
  if (!subject) {
    const first = await fabric.evaluate(orgs.identity.name, 'auditor1', 'Audit:ListByAccessor', [orgs.identity.mspId, 'legacy.clerk0', '1', '']);
    subject = first?.records?.[0]?.subjectKey;
    if (!subject) throw Object.assign(new Error('no legacy entries on this ledger; pass --subject'), { key: 'NO_BENCH_LEDGER' });
  }
  const page = await measurePage(workloads(runSeed(), fabric, orgs), subject, pageSize);
  console.log(JSON.stringify({ at: new Date().toISOString(), subject, pageSize, restP50Ms: page.rest.p50Ms, directP50Ms: page.direct.p50Ms, ...page }, null, 2));
} catch (err) {
  console.error(`[audit-page] ${err.key ?? 'FAILED'}: ${err.message}`);
  process.exitCode = 1;
} finally {
  fabric.close();
}
