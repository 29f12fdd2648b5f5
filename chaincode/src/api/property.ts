import { z } from 'zod';
import { historyPageOf, pageOf, subjectKeySchema } from '../core/schema';
import {
  amendTitleSchema, closeTransferSchema, closedTransferResultSchema, encumbranceResultSchema, encumbranceVersionSchema, parcelNumberSchema,
  propertyRecordKindSchema, propertyVersionSchema, proposeTransferSchema, recordApprovalSchema, recordLenderConsentSchema, registerEncumbranceSchema,
  registerTitleSchema, releaseEncumbranceSchema, titleVersionSchema, transferVersionSchema,
} from '../property/schema';
import { PAGE_PARAMS } from './paging';
import { contract, evaluate, submit, text } from './transaction';

const parcel = [text('parcelNumber', parcelNumberSchema), ...PAGE_PARAMS] as const;
/** kind = title | transfer | encumbrance; id = a parcel number, transfer id or encumbrance id. */
const record = [text('kind', propertyRecordKindSchema), text('id', z.string())] as const;

/** Property titles, multi-party transfers (seller, buyer, registrar, lender) and encumbrances. */
export const Property = contract('Property', 'Land and building titles, multi-party transfers, encumbrances', {
  RegisterTitle: submit(registerTitleSchema, titleVersionSchema),
  AmendTitle: submit(amendTitleSchema, titleVersionSchema),
  ProposeTransfer: submit(proposeTransferSchema, transferVersionSchema),
  RecordApproval: submit(recordApprovalSchema, transferVersionSchema),
  RecordLenderConsent: submit(recordLenderConsentSchema, transferVersionSchema),
  CompleteTransfer: submit(closeTransferSchema, closedTransferResultSchema),
  CancelTransfer: submit(closeTransferSchema, closedTransferResultSchema),
  RegisterEncumbrance: submit(registerEncumbranceSchema, encumbranceResultSchema),
  ReleaseEncumbrance: submit(releaseEncumbranceSchema, encumbranceResultSchema),
  GetRecord: evaluate({ params: record, result: propertyVersionSchema }),
  History: evaluate({ params: [...record, ...PAGE_PARAMS], result: historyPageOf(propertyVersionSchema) }),
  ListTitlesByOwner: evaluate({ params: [text('subjectKey', subjectKeySchema), ...PAGE_PARAMS], result: pageOf(titleVersionSchema) }),
  ListTransfers: evaluate({ params: parcel, result: pageOf(transferVersionSchema) }),
  ListEncumbrances: evaluate({ params: parcel, result: pageOf(encumbranceVersionSchema) }),
});
