import { historyPageOf, pageOf, subjectKeySchema } from '../core/schema';
import { amendBusinessSchema, businessStatusChangeSchema, businessVersionSchema, registerBusinessSchema, usccSchema } from '../business/schema';
import { PAGE_PARAMS } from './paging';
import { contract, evaluate, submit, text } from './transaction';

/** The business (market entity) register, keyed by unified social credit code. */
export const Business = contract('Business', 'Business register keyed by unified social credit code', {
  Register: submit(registerBusinessSchema, businessVersionSchema),
  Amend: submit(amendBusinessSchema, businessVersionSchema),
  /** active -> suspended. */
  Suspend: submit(businessStatusChangeSchema, businessVersionSchema),
  /** suspended -> active. */
  Reinstate: submit(businessStatusChangeSchema, businessVersionSchema),
  /** active|suspended -> deregistered, final. */
  Deregister: submit(businessStatusChangeSchema, businessVersionSchema),
  Get: evaluate({ params: [text('code', usccSchema)], result: businessVersionSchema }),
  ListByLegalRepresentative: evaluate({ params: [text('subjectKey', subjectKeySchema), ...PAGE_PARAMS], result: pageOf(businessVersionSchema) }),
  History: evaluate({ params: [text('code', usccSchema), ...PAGE_PARAMS], result: historyPageOf(businessVersionSchema) }),
});
