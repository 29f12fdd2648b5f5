import { historyPageOf, pageOf, recordIdSchema, sha256HexSchema, subjectKeySchema } from '../core/schema';
import {
  amendLicenceSchema, copyrightRecordKindSchema, copyrightTransferSchema, copyrightTransferVersionSchema, copyrightVersionSchema, depositSchema,
  depositVersionSchema, licenceSchema, licenceVersionSchema, personWorkSchema, rightsTransferResultSchema, terminateLicenceSchema, verifyWorkResultSchema,
} from '../copyright/schema';
import { PAGE_PARAMS } from './paging';
import { contract, evaluate, submit, text } from './transaction';

/** kind = deposit | transfer | licence. */
const record = [text('kind', copyrightRecordKindSchema), text('id', recordIdSchema)] as const;
const deposit = [text('depositId', recordIdSchema), ...PAGE_PARAMS] as const;

/** Copyright deposit (evidence of existence by SHA-256), rights transfers and licences. */
export const Copyright = contract('Copyright', 'Copyright deposit by hash, transfers and licences', {
  Deposit: submit(depositSchema, depositVersionSchema),
  RecordTransfer: submit(copyrightTransferSchema, rightsTransferResultSchema),
  RecordLicence: submit(licenceSchema, licenceVersionSchema),
  AmendLicence: submit(amendLicenceSchema, licenceVersionSchema),
  TerminateLicence: submit(terminateLicenceSchema, licenceVersionSchema),
  /** The deposit of a SHA-256 and its evidence certificate, or RECORD_NOT_FOUND. */
  Verify: evaluate({ params: [text('contentHash', sha256HexSchema)], result: verifyWorkResultSchema }),
  GetRecord: evaluate({ params: record, result: copyrightVersionSchema }),
  History: evaluate({ params: [...record, ...PAGE_PARAMS], result: historyPageOf(copyrightVersionSchema) }),
  ListTransfers: evaluate({ params: deposit, result: pageOf(copyrightTransferVersionSchema) }),
  ListLicences: evaluate({ params: deposit, result: pageOf(licenceVersionSchema) }),
  /** The works a citizen authored or holds (or held), from the append-only person index (the citizen's records page). */
  ListByPerson: evaluate({ params: [text('subjectKey', subjectKeySchema), ...PAGE_PARAMS], result: pageOf(personWorkSchema) }),
});
