import { z } from 'zod';
import { Identity, subjectKeySchema } from '@govchain/chaincode';
import { personalDataSchema, subjectKeyLookupSchema, verifySchema } from '@govchain/chaincode';
import { recordLookupSchema, requestAccessSchema, type RequestAccessInput } from '@govchain/chaincode';
import { defineRoute, type RouteSpec } from '../http/route-spec';
import { writeResult } from '../http/write-result';
import { pageQuerySchema, readRoute, submitRoute, WRITE_RESPONSES } from './route-helpers';

const TAG = 'Identities';
const subjectParams = z.strictObject({ subject: subjectKeySchema });

/** Identity status actions (POST /identities/{subject}/status body `action`) -> chaincode transactions. */
export const IDENTITY_STATUS_ACTIONS = { suspend: Identity.tx.Suspend, revoke: Identity.tx.Revoke, reinstate: Identity.tx.Reinstate, erase: Identity.tx.Erase } as const;

/** POST /identities body: the personal data (sent only as transient data to the registrar's own peer). */
export const registerIdentityBodySchema = z.strictObject({ personalData: personalDataSchema }).openapi('RegisterIdentity');


/** POST /identities/{subject}/personal-data-access body: the audit entry minus the subject (from the path). */
export const personalDataAccessBodySchema = requestAccessSchema.omit({ subjectKey: true }).strict().openapi('PersonalDataAccessRequest');

/** Why a lookup is made: the audit entry's purpose, legal basis and case (as for a disclosure). */
const lookupReasonSchema = recordLookupSchema.omit({ lookup: true });

/** POST /identities/verify body: the claim (sent only as transient data) and why the lookup is made. */
export const verifyBodySchema = verifySchema.extend(lookupReasonSchema.shape).strict().openapi('VerifyRequest');
/** POST /identities/subject-key body. */
export const subjectKeyBodySchema = subjectKeyLookupSchema.extend(lookupReasonSchema.shape).strict().openapi('SubjectKeyRequest');

/** Disclosures and lookup answers must not be stored by browsers or proxies. */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

const auditedAnswer = { accessId: z.string(), auditTxId: z.string(), auditBlockNumber: z.number().int() };

/** The disclosure response. */
export const disclosureSchema = z
  .object({ accessId: z.string(), auditTxId: z.string(), auditBlockNumber: z.number().int(), personalData: z.unknown() })
  .openapi('Disclosure');

/** Identities: registration (personal data in transient only), status, verification, audited disclosure. */
export function identityRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/identities',
      operationId: 'registerIdentity',
      summary: 'Register a citizen identity',
      description:
        'Stages the personal data in the registrar org\'s private collection (transient key personalData, endorsed by this org only), then registers the public identity (subject key and fingerprints). The response carries no personal data.',
      tag: TAG,
      access: { kind: 'operator', roles: ['registrar'] },
      body: registerIdentityBodySchema,
      asyncCapable: true,
      responses: WRITE_RESPONSES,
      handler: async (ctx) => writeResult(await ctx.services.personalData.register(ctx.principal, ctx.body.personalData, ctx)),
    }),
    readRoute({
      path: '/api/v1/identities/{subject}', operationId: 'getIdentity', summary: 'Read an identity (public part)', tag: TAG, tx: Identity.tx.Get,
      params: subjectParams, args: (p) => [p.subject], access: { kind: 'operatorOrCitizen', subjectOf: ({ params }) => params.subject as string },
    }),
    readRoute({
      path: '/api/v1/identities/{subject}/history', operationId: 'identityHistory', summary: 'Versions of an identity, newest first', tag: TAG, tx: Identity.tx.History, params: subjectParams, query: pageQuerySchema, args: (p, q) => [p.subject, q.pageSize, q.bookmark],
      access: { kind: 'operatorOrCitizen', subjectOf: ({ params }) => params.subject as string },
    }),
    submitRoute({
      path: '/api/v1/identities/{subject}/status', operationId: 'changeIdentityStatus', summary: 'Suspend, revoke, reinstate or erase an identity', tag: TAG,
      actions: IDENTITY_STATUS_ACTIONS, pathFields: { subject: 'subjectKey' },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/identities/verify',
      operationId: 'verifyIdentity',
      summary: 'Does this ID number and name match an active identity? Audited lookup; answers only {match}',
      description:
        'A lookup is a disclosure: submits Audit:RecordLookup (kind verify; the claim only as transient data) and waits for its commit, then evaluates Identity:Verify citing the committed entry. Fails closed. Own per-operator rate limit. Cache-Control: no-store.',
      tag: TAG,
      access: { kind: 'operator', roles: ['registrar', 'clerk', 'admin'] },
      body: verifyBodySchema,
      ownRateLimit: true,
      responses: [{ status: 200, description: 'The answer and the committed lookup entry', schema: z.object({ match: z.boolean(), ...auditedAnswer }).openapi('VerifyResult') }],
      handler: async (ctx) => {
        const { idNumber, name, ...why } = ctx.body;
        return { status: 200, headers: NO_STORE, body: await ctx.services.personalData.lookup(ctx.principal, 'verify', { idNumber, name }, why, ctx.idempotencyKey) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/identities/subject-key',
      operationId: 'lookupSubjectKey',
      summary: 'The subject key of a resident ID number: audited lookup (the number travels only as transient data)',
      description:
        'Submits Audit:RecordLookup (kind subject-key) and waits for its commit, then evaluates Identity:SubjectKey citing the committed entry. Fails closed. Own per-operator rate limit. Cache-Control: no-store.',
      tag: TAG,
      access: { kind: 'operator', roles: ['registrar', 'clerk', 'admin', 'auditor'] },
      body: subjectKeyBodySchema,
      ownRateLimit: true,
      responses: [{ status: 200, description: 'The subject key and the committed lookup entry', schema: z.object({ subjectKey: z.string(), ...auditedAnswer }).openapi('SubjectKeyResult') }],
      handler: async (ctx) => {
        const { idNumber, ...why } = ctx.body;
        return { status: 200, headers: NO_STORE, body: await ctx.services.personalData.lookup(ctx.principal, 'subject-key', { idNumber }, why, ctx.idempotencyKey) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/identities/{subject}/personal-data-access',
      operationId: 'accessPersonalData',
      summary: 'Audited disclosure of personal data',
      description:
        'Submits Audit:RequestAccess and waits for it to commit; only then evaluates Identity:ReadPersonalData on the owning org\'s peer citing the committed access id, which re-checks the grant. Fails closed: if the audit write fails, no data is read. One committed entry per request; a replay with the same Idempotency-Key cites the same entry and answers only within its 5-minute window. Cache-Control: no-store.',
      tag: TAG,
      access: { kind: 'operator' },
      params: subjectParams,
      body: personalDataAccessBodySchema,
      input: { schema: requestAccessSchema, pathFields: { subject: 'subjectKey' } },
      responses: [{ status: 200, description: 'The disclosed fields and the committed audit entry', schema: disclosureSchema }],
      handler: async (ctx) => {
        // Validated once by the mounted route as the merged input (RouteSpec.input).
        const request = ctx.body as unknown as RequestAccessInput;
        return { status: 200, headers: NO_STORE, body: await ctx.services.personalData.disclose(ctx.principal, request, ctx.idempotencyKey) };
      },
    }),
  ];
}
