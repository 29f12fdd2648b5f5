import { z } from 'zod';
import {
  amendTitleSchema, closeTransferSchema, encumbranceIdSchema, parcelNumberSchema, proposeTransferSchema, recordApprovalSchema,
  recordLenderConsentSchema, registerEncumbranceSchema, registerTitleSchema, releaseEncumbranceSchema, transferIdSchema,
} from '@govchain/chaincode';
import type { RouteSpec } from '../http/route-spec';
import { citizenSubject, pageQuerySchema, readRoute, submitRoute } from './route-helpers';
import { subjectKeySchema } from '@govchain/chaincode';

const TAG = 'Properties';
const parcelParams = z.strictObject({ parcel: parcelNumberSchema });
const transferParams = z.strictObject({ id: transferIdSchema });
const encumbranceParams = z.strictObject({ id: encumbranceIdSchema });

/** Property titles, transfers (seller, buyer, registrar and lender consent) and encumbrances. */
export function propertyRoutes(): RouteSpec[] {
  return [
    submitRoute({ path: '/api/v1/properties', operationId: 'registerTitle', summary: 'Register a property title', tag: TAG, contract: 'Property', transaction: 'RegisterTitle', input: registerTitleSchema }),
    readRoute({
      path: '/api/v1/properties', operationId: 'listTitlesByOwner', summary: 'Titles a subject currently owns', tag: TAG, contract: 'Property',
      transaction: 'ListTitlesByOwner', paged: true, query: pageQuerySchema.extend({ owner: subjectKeySchema }).strict(),
      args: (_p, q) => [q.owner, String(q.pageSize), q.bookmark],
    }),
    readRoute({
      path: '/api/v1/me/properties', operationId: 'myProperties', summary: 'Titles the citizen currently owns', tag: TAG, contract: 'Property',
      transaction: 'ListTitlesByOwner', paged: true, query: pageQuerySchema, access: { kind: 'citizen' },
      args: (_p, q, principal) => [citizenSubject(principal), String(q.pageSize), q.bookmark],
    }),
    readRoute({
      path: '/api/v1/properties/{parcel}', operationId: 'getTitle', summary: 'Read a title', tag: TAG, contract: 'Property', transaction: 'GetRecord',
      params: parcelParams, args: (p) => ['title', p.parcel],
    }),
    readRoute({
      path: '/api/v1/properties/{parcel}/history', operationId: 'titleHistory', summary: 'Versions of a title, newest first', tag: TAG, contract: 'Property',
      transaction: 'History', params: parcelParams, query: pageQuerySchema, paged: true, args: (p, q) => ['title', p.parcel, String(q.pageSize), q.bookmark],
    }),
    submitRoute({
      path: '/api/v1/properties/{parcel}/amendments', operationId: 'amendTitle', summary: 'Amend the descriptive fields of a title', tag: TAG,
      contract: 'Property', transaction: 'AmendTitle', input: amendTitleSchema, pathFields: { parcel: 'parcelNumber' },
    }),
    submitRoute({
      path: '/api/v1/properties/{parcel}/transfers', operationId: 'proposeTransfer', summary: 'Propose a transfer of a title', tag: TAG,
      contract: 'Property', transaction: 'ProposeTransfer', input: proposeTransferSchema, pathFields: { parcel: 'parcelNumber' },
    }),
    readRoute({
      path: '/api/v1/properties/{parcel}/transfers', operationId: 'listTransfers', summary: 'Transfers of a parcel', tag: TAG, contract: 'Property',
      transaction: 'ListTransfers', params: parcelParams, query: pageQuerySchema, paged: true, args: (p, q) => [p.parcel, String(q.pageSize), q.bookmark],
    }),
    submitRoute({
      path: '/api/v1/properties/{parcel}/encumbrances', operationId: 'registerEncumbrance', summary: 'Register an encumbrance (mortgage, lien, seizure)', tag: TAG,
      contract: 'Property', transaction: 'RegisterEncumbrance', input: registerEncumbranceSchema, pathFields: { parcel: 'parcelNumber' },
    }),
    readRoute({
      path: '/api/v1/properties/{parcel}/encumbrances', operationId: 'listEncumbrances', summary: 'Encumbrances of a parcel', tag: TAG, contract: 'Property',
      transaction: 'ListEncumbrances', params: parcelParams, query: pageQuerySchema, paged: true, args: (p, q) => [p.parcel, String(q.pageSize), q.bookmark],
    }),
    readRoute({
      path: '/api/v1/transfers/{id}', operationId: 'getTransfer', summary: 'Read a transfer', tag: TAG, contract: 'Property', transaction: 'GetRecord',
      params: transferParams, args: (p) => ['transfer', p.id],
    }),
    submitRoute({
      path: '/api/v1/transfers/{id}/approvals', operationId: 'approveTransfer', summary: "Record a seller's or buyer's approval of a transfer", tag: TAG,
      contract: 'Property', transaction: 'RecordApproval', input: recordApprovalSchema, pathFields: { id: 'transferId' },
    }),
    submitRoute({
      path: '/api/v1/transfers/{id}/lender-consents', operationId: 'recordLenderConsent', summary: "Record a mortgage lender's consent to a transfer", tag: TAG,
      contract: 'Property', transaction: 'RecordLenderConsent', input: recordLenderConsentSchema, pathFields: { id: 'transferId' },
    }),
    submitRoute({
      path: '/api/v1/transfers/{id}/completion', operationId: 'completeTransfer', summary: 'Complete an approved transfer (registrar)', tag: TAG,
      contract: 'Property', transaction: 'CompleteTransfer', input: closeTransferSchema, pathFields: { id: 'transferId' },
    }),
    submitRoute({
      path: '/api/v1/transfers/{id}/cancellation', operationId: 'cancelTransfer', summary: 'Cancel a pending transfer', tag: TAG,
      contract: 'Property', transaction: 'CancelTransfer', input: closeTransferSchema, pathFields: { id: 'transferId' },
    }),
    readRoute({
      path: '/api/v1/encumbrances/{id}', operationId: 'getEncumbrance', summary: 'Read an encumbrance', tag: TAG, contract: 'Property', transaction: 'GetRecord',
      params: encumbranceParams, args: (p) => ['encumbrance', p.id],
    }),
    submitRoute({
      path: '/api/v1/encumbrances/{id}/release', operationId: 'releaseEncumbrance', summary: 'Release an encumbrance', tag: TAG,
      contract: 'Property', transaction: 'ReleaseEncumbrance', input: releaseEncumbranceSchema, pathFields: { id: 'encumbranceId' },
    }),
  ];
}
