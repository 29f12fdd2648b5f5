import { Identity } from '../api/identity';
import { implement } from '../core';
import { citedLookup } from './rules';

/**
 * Identity:SubjectKey(accessId) (evaluate): the subject key of the resident ID number in the transient map, so
 * a service window that holds the number can cite the pseudonym without the gateway holding the secret. Only
 * after Audit:RecordLookup (lookup 'subject-key') committed for this number.
 */
export const subjectKey = implement(Identity.tx.SubjectKey, async (ctx, accessId) => {
  const { subjectKey: key } = await citedLookup(ctx, accessId, 'subject-key');
  return { subjectKey: key };
});
