import { encumbranceIdSchema, parcelNumberSchema, transferIdSchema } from '@govchain/chaincode';
import type { RouteSpec } from '../http/route-spec';
import { routeTable } from './route-helpers';
import { Property } from '@govchain/chaincode';

/** Property titles, transfers (seller, buyer, registrar and lender consent) and encumbrances. */
export function propertyRoutes(): RouteSpec[] {
  const routes = routeTable('Properties');
  const title = routes.resource('/api/v1/properties/{parcel}', 'parcel', parcelNumberSchema, 'parcelNumber');
  const transfer = routes.resource('/api/v1/transfers/{id}', 'id', transferIdSchema, 'transferId');
  const encumbrance = routes.resource('/api/v1/encumbrances/{id}', 'id', encumbranceIdSchema, 'encumbranceId');
  return [
    routes.submit('/api/v1/properties', 'registerTitle', 'Register a property title', Property.tx.RegisterTitle),
    routes.pageBy('/api/v1/properties', 'listTitlesByOwner', 'Titles a subject currently owns', Property.tx.ListTitlesByOwner, 'owner'),
    routes.mine('/api/v1/me/properties', 'myProperties', 'Titles the citizen currently owns', Property.tx.ListTitlesByOwner),
    title.record('', 'getTitle', 'Read a title', Property.tx.GetRecord, 'title'),
    title.history('/history', 'titleHistory', 'Versions of a title, newest first', Property.tx.History, 'title'),
    title.submit('/amendments', 'amendTitle', 'Amend the descriptive fields of a title', Property.tx.AmendTitle),
    title.submit('/transfers', 'proposeTransfer', 'Propose a transfer of a title', Property.tx.ProposeTransfer),
    title.page('/transfers', 'listTransfers', 'Transfers of a parcel', Property.tx.ListTransfers),
    title.submit('/encumbrances', 'registerEncumbrance', 'Register an encumbrance (mortgage, lien, seizure)', Property.tx.RegisterEncumbrance),
    title.page('/encumbrances', 'listEncumbrances', 'Encumbrances of a parcel', Property.tx.ListEncumbrances),
    transfer.record('', 'getTransfer', 'Read a transfer', Property.tx.GetRecord, 'transfer'),
    transfer.submit('/approvals', 'approveTransfer', "Record a seller's or buyer's approval of a transfer", Property.tx.RecordApproval),
    transfer.submit('/lender-consents', 'recordLenderConsent', "Record a mortgage lender's consent to a transfer", Property.tx.RecordLenderConsent),
    transfer.submit('/completion', 'completeTransfer', 'Complete an approved transfer (registrar)', Property.tx.CompleteTransfer),
    transfer.submit('/cancellation', 'cancelTransfer', 'Cancel a pending transfer', Property.tx.CancelTransfer),
    encumbrance.record('', 'getEncumbrance', 'Read an encumbrance', Property.tx.GetRecord, 'encumbrance'),
    encumbrance.submit('/release', 'releaseEncumbrance', 'Release an encumbrance', Property.tx.ReleaseEncumbrance),
  ];
}
