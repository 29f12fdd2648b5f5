import { historyPageOf, subjectKeySchema } from '../core/schema';
import { accessIdSchema } from '../audit/schema';
import {
  identityVersionSchema, personalDataReadSchema, personalDataSchema, registerSchema, stagedSchema, statusChangeSchema, subjectKeyLookupSchema,
  subjectKeyResultSchema, verifyResultSchema, verifySchema,
} from '../identity/schema';
import { PAGE_PARAMS } from './paging';
import { contract, evaluate, submit, text } from './transaction';

/** Transient key carrying personal data (docs/conventions.md): never in arguments, results, events or logs. */
export const PERSONAL_DATA_KEY = 'personalData';

const cited = [text('accessId', accessIdSchema)] as const;

/** Identity: staging, registration, status, audited lookups and disclosure. */
export const Identity = contract('Identity', 'Citizen identities: staging, registration, status, verification, erasure', {
  /** Personal data (transient personalData) into the registrar's private collection; endorsed by the registrar org only. */
  StagePersonalData: submit({ params: [], transient: { [PERSONAL_DATA_KEY]: personalDataSchema }, result: stagedSchema }),
  Register: submit(registerSchema, identityVersionSchema),
  Suspend: submit(statusChangeSchema, identityVersionSchema),
  Revoke: submit(statusChangeSchema, identityVersionSchema),
  Reinstate: submit(statusChangeSchema, identityVersionSchema),
  Erase: submit(statusChangeSchema, identityVersionSchema),
  /** After Audit:RecordLookup (verify): does the transient claim match an active identity? */
  Verify: evaluate({ params: cited, transient: { [PERSONAL_DATA_KEY]: verifySchema }, result: verifyResultSchema }),
  /** After Audit:RecordLookup (subject-key): the subject key of the transient ID number. */
  SubjectKey: evaluate({ params: cited, transient: { [PERSONAL_DATA_KEY]: subjectKeyLookupSchema }, result: subjectKeyResultSchema }),
  /** After Audit:RequestAccess: the fields the committed access recorded, on the registrar org's peer. */
  ReadPersonalData: evaluate({ params: cited, result: personalDataReadSchema }),
  Get: evaluate({ params: [text('subjectKey', subjectKeySchema)], result: identityVersionSchema }),
  History: evaluate({ params: [text('subjectKey', subjectKeySchema), ...PAGE_PARAMS], result: historyPageOf(identityVersionSchema) }),
});
