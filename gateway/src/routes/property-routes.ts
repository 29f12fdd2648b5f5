import { z } from 'zod';
import { encumbranceIdSchema, parcelNumberSchema, transferIdSchema } from '@govchain/chaincode';
import type { RouteSpec } from '../http/route-spec';
import { citizenSubject, pageQuerySchema, readRoute, submitRoute } from './route-helpers';
import { Property, subjectKeySchema } from '@govchain/chaincode';

const TAG = 'Properties';
const parcelParams = z.strictObject({ parcel: parcelNumberSchema });
const transferParams = z.strictObject({ id: transferIdSchema });
const encumbranceParams = z.strictObject({ id: encumbranceIdSchema });

/** Property titles, transfers (seller, buyer, registrar and lender consent) and encumbrances. */
export function propertyRoutes(): RouteSpec[] {
  return [
    submitRoute({ path: '/api/v1/properties', operationId: 'registerTitle', summary: 'Register a property title', tag: TAG, tx: Property.tx.RegisterTitle }),
    readRoute({
      path: '/api/v1/properties', operationId: 'listTitlesByOwner', summary: 'Titles a subject currently owns', tag: TAG, tx: Property.tx.ListTitlesByOwner, query: pageQuerySchema.extend({ owner: subjectKeySchema }).strict(),
      args: (_p, q) => [q.owner, q.pageSize, q.bookmark],
    }),
    readRoute({
      path: '/api/v1/me/properties', operationId: 'myProperties', summary: 'Titles the citizen currently owns', tag: TAG, tx: Property.tx.ListTitlesByOwner, query: pageQuerySchema, access: { kind: 'citizen' },
      args: (_p, q, principal) => [citizenSubject(principal), q.pageSize, q.bookmark],
    }),
    readRoute({
      path: '/api/v1/properties/{parcel}', operationId: 'getTitle', summary: 'Read a title', tag: TAG, tx: Property.tx.GetRecord,
      params: parcelParams, args: (p) => ['title' as const, p.parcel],
    }),
    readRoute({
      path: '/api/v1/properties/{parcel}/history', operationId: 'titleHistory', summary: 'Versions of a title, newest first', tag: TAG, tx: Property.tx.History, params: parcelParams, query: pageQuerySchema, args: (p, q) => ['title' as const, p.parcel, q.pageSize, q.bookmark],
    }),
    submitRoute({
      path: '/api/v1/properties/{parcel}/amendments', operationId: 'amendTitle', summary: 'Amend the descriptive fields of a title', tag: TAG,
      tx: Property.tx.AmendTitle, pathFields: { parcel: 'parcelNumber' },
    }),
    submitRoute({
      path: '/api/v1/properties/{parcel}/transfers', operationId: 'proposeTransfer', summary: 'Propose a transfer of a title', tag: TAG,
      tx: Property.tx.ProposeTransfer, pathFields: { parcel: 'parcelNumber' },
    }),
    readRoute({
      path: '/api/v1/properties/{parcel}/transfers', operationId: 'listTransfers', summary: 'Transfers of a parcel', tag: TAG, tx: Property.tx.ListTransfers, params: parcelParams, query: pageQuerySchema, args: (p, q) => [p.parcel, q.pageSize, q.bookmark],
    }),
    submitRoute({
      path: '/api/v1/properties/{parcel}/encumbrances', operationId: 'registerEncumbrance', summary: 'Register an encumbrance (mortgage, lien, seizure)', tag: TAG,
      tx: Property.tx.RegisterEncumbrance, pathFields: { parcel: 'parcelNumber' },
    }),
    readRoute({
      path: '/api/v1/properties/{parcel}/encumbrances', operationId: 'listEncumbrances', summary: 'Encumbrances of a parcel', tag: TAG, tx: Property.tx.ListEncumbrances, params: parcelParams, query: pageQuerySchema, args: (p, q) => [p.parcel, q.pageSize, q.bookmark],
    }),
    readRoute({
      path: '/api/v1/transfers/{id}', operationId: 'getTransfer', summary: 'Read a transfer', tag: TAG, tx: Property.tx.GetRecord,
      params: transferParams, args: (p) => ['transfer' as const, p.id],
    }),
    submitRoute({
      path: '/api/v1/transfers/{id}/approvals', operationId: 'approveTransfer', summary: "Record a seller's or buyer's approval of a transfer", tag: TAG,
      tx: Property.tx.RecordApproval, pathFields: { id: 'transferId' },
    }),
    submitRoute({
      path: '/api/v1/transfers/{id}/lender-consents', operationId: 'recordLenderConsent', summary: "Record a mortgage lender's consent to a transfer", tag: TAG,
      tx: Property.tx.RecordLenderConsent, pathFields: { id: 'transferId' },
    }),
    submitRoute({
      path: '/api/v1/transfers/{id}/completion', operationId: 'completeTransfer', summary: 'Complete an approved transfer (registrar)', tag: TAG,
      tx: Property.tx.CompleteTransfer, pathFields: { id: 'transferId' },
    }),
    submitRoute({
      path: '/api/v1/transfers/{id}/cancellation', operationId: 'cancelTransfer', summary: 'Cancel a pending transfer', tag: TAG,
      tx: Property.tx.CancelTransfer, pathFields: { id: 'transferId' },
    }),
    readRoute({
      path: '/api/v1/encumbrances/{id}', operationId: 'getEncumbrance', summary: 'Read an encumbrance', tag: TAG, tx: Property.tx.GetRecord,
      params: encumbranceParams, args: (p) => ['encumbrance' as const, p.id],
    }),
    submitRoute({
      path: '/api/v1/encumbrances/{id}/release', operationId: 'releaseEncumbrance', summary: 'Release an encumbrance', tag: TAG,
      tx: Property.tx.ReleaseEncumbrance, pathFields: { id: 'encumbranceId' },
    }),
  ];
}
