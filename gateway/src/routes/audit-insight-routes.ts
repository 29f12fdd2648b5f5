import { z } from 'zod';
import '../openapi/common-schemas';
import { Audit, auditSearchShape, insightBookmarkSchema, isoDateTimeSchema, LEAK_MAX_SUBJECTS, leakTraceRequestSchema, pageSizeSchema } from '@govchain/chaincode';
import { ApiError } from '../errors/api-error';
import { call } from '../fabric/call';
import { defineRoute, type RouteSpec } from '../http/route-spec';
import { activityReport, type ActivityPage } from '../services/activity-service';
import { traceLeak, type TraceChunk } from '../services/leak-trace-service';

const TAG = 'Audit';
const AUDITORS = { kind: 'operator', roles: ['auditor'] } as const;

/** GET /audit/search query: the Audit:Search filter plus paging. */
export const auditSearchQuerySchema = z.strictObject({
  ...auditSearchShape,
  pageSize: pageSizeSchema.default(20),
  bookmark: insightBookmarkSchema.default(''),
});

/** A page of search results: records, the next bookmark, entries withheld (sealed) and what the page read. */
export const searchPageSchema = z.object({
  records: z.array(z.unknown()), bookmark: z.string(), complete: z.boolean(), withheld: z.number().int(),
  cost: z.object({ index: z.string(), read: z.number().int(), pages: z.number().int() }),
}).openapi('AuditSearchPage');

/**
 * POST /audit/leak-trace body: the chaincode's request fields in a schema built here, after zod-to-openapi extended
 * zod (zod 4 gives each schema its methods when it is built, and the API's schemas may be built before that).
 */
export const leakTraceBodySchema = z.strictObject({ ...leakTraceRequestSchema.shape }).openapi('LeakTraceRequest');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
/** Longest window an activity report covers. */
export const ACTIVITY_MAX_DAYS = 92;

/** GET /audit/activity query: the window, office hours (defaults: 08:30-17:30, Monday-Friday, UTC+08:00) and the heavy-use rule. */
export const activityQuerySchema = z.strictObject({
  from: isoDateTimeSchema,
  to: isoDateTimeSchema,
  officeStart: hhmm.default('08:30'),
  officeEnd: hhmm.default('17:30'),
  weekdays: z.string().regex(/^[1-7](,[1-7]){0,6}$/, 'comma-separated ISO weekdays, 1 = Monday').default('1,2,3,4,5'),
  utcOffset: z.string().regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, '+HH:MM').default('+08:00'),
  factor: z.coerce.number().min(1).max(100).default(3),
  minSubjects: z.coerce.number().int().min(1).max(100_000).default(10),
}).refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= ACTIVITY_MAX_DAYS * 86_400_000, { message: `the window is at most ${ACTIVITY_MAX_DAYS} days`, path: ['to'] })
  .refine((q) => q.officeStart < q.officeEnd, { message: 'officeStart must be before officeEnd', path: ['officeStart'] });

const offsetMinutes = (s: string) => (s.startsWith('-') ? -1 : 1) * (Number(s.slice(1, 3)) * 60 + Number(s.slice(4, 6)));

/** Auditors' search, leak tracing and activity (anomaly flags). Mounted before /audit/{accessId}. */
export function auditInsightRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/search',
      operationId: 'searchAudit',
      summary: 'Search audit entries by any combination of subject, org, operator, dataset, case id and time (auditors)',
      description: 'Answered from the most selective index; each page reads at most 2,000 index entries, so a page may be short while bookmark is not empty. Sealed entries are shown only to the auditors of the dataset owner and the governance org (others get a count in withheld).',
      tag: TAG,
      access: AUDITORS,
      query: auditSearchQuerySchema,
      responses: [{ status: 200, description: 'A page of audit entries', schema: searchPageSchema }],
      handler: async (ctx) => {
        const { pageSize, bookmark, ...filter } = ctx.query;
        if (filter.from && filter.to && Date.parse(filter.from) >= Date.parse(filter.to)) throw new ApiError(400, 'INVALID_ARGUMENT', 'from must be before to');
        const body = await ctx.services.records.read(ctx.principal, call(Audit.tx.Search, [filter, pageSize, bookmark]));
        return { status: 200, body };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/audit/leak-trace',
      operationId: 'traceLeak',
      summary: `Rank the operators and orgs who accessed a set of leaked subjects (at most ${LEAK_MAX_SUBJECTS}) in a time window (auditors)`,
      description: 'Reads, for each subject, only its entries inside the window (Audit:TraceSubjects, at most 5,000 entries per call, at most 20 calls): cost O(entries of the leaked subjects in the window), independent of the ledger size. complete=false says the budget ran out. Nothing is written; the Idempotency-Key is required as on every POST.',
      tag: TAG,
      access: AUDITORS,
      body: leakTraceBodySchema,
      responses: [{ status: 200, description: 'Operators and orgs ranked by coverage of the set', schema: z.object({}).passthrough().openapi('LeakReport') }],
      handler: async (ctx) => {
        const input = ctx.body;
        if (input.from && input.to && Date.parse(input.from) >= Date.parse(input.to)) throw new ApiError(400, 'INVALID_ARGUMENT', 'from must be before to');
        const report = await traceLeak(input, async (chunkInput) =>
          (await ctx.services.records.read(ctx.principal, call(Audit.tx.TraceSubjects, [chunkInput]))) as TraceChunk);
        return { status: 200, body: report, headers: { 'cache-control': 'no-store' } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/activity',
      operationId: 'auditActivity',
      summary: 'Accesses per day per org, accesses outside office hours and operators far above their org\'s daily median (auditors)',
      description: `Reads the window (at most ${ACTIVITY_MAX_DAYS} days) from the time index, at most 40 pages of 500 entries; complete=false and readUntil say where the budget ran out.`,
      tag: TAG,
      access: AUDITORS,
      query: activityQuerySchema,
      responses: [{ status: 200, description: 'The activity report', schema: z.object({}).passthrough().openapi('ActivityReport') }],
      handler: async (ctx) => {
        const q = ctx.query;
        const hours = { start: q.officeStart, end: q.officeEnd, weekdays: q.weekdays.split(',').map(Number), utcOffsetMinutes: offsetMinutes(q.utcOffset) };
        const report = await activityReport(async (bookmark) =>
          (await ctx.services.records.read(ctx.principal, call(Audit.tx.Activity, [{ from: q.from, to: q.to, bookmark }]))) as ActivityPage,
        hours, { factor: q.factor, minSubjects: q.minSubjects }, undefined, { from: q.from, to: q.to });
        return { status: 200, body: report };
      },
    }),
  ];
}
