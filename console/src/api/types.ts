/**
 * Response shapes of the REST routes the console uses (see docs/openapi.json). Where the chaincode or the gateway
 * defines the shape, it is imported as a type only (nothing of theirs is bundled).
 */
import type { AccessEntry, ActivityItem, AuditEntry, LookupEntry } from '@govchain/chaincode';
import type { ActivityReport, ConsoleRuntimeConfig, CoverageRow, LeakReport } from '@govchain/gateway';

export type { AccessEntry, ActivityItem, ActivityReport, AuditEntry, CoverageRow, LeakReport, LookupEntry };

/** GET /audit/search. */
export interface SearchPage {
  records: AuditEntry[];
  bookmark: string;
  complete: boolean;
  withheld: number;
  cost: { index: string; read: number; pages: number };
}

/** A plain page (GET /me/access-log, /me/properties ...). The citizen log may add what is withheld. */
export interface Page<T> {
  records: T[];
  bookmark: string;
  fetched?: number;
  /** Sealed entries about the citizen: how many, and when each is released (null: not yet known). */
  withheld?: { count: number; releases?: Array<string | null>; complete?: boolean } | number;
}

/** GET /public/works/{hash}. */
export type PublicWork =
  | {
      matches: true;
      certificate: { depositId: string; contentHash: string; hashAlgorithm: 'SHA-256'; txId: string; blockNumber: number; timestamp: string; depositorMsp: string };
      holders: Array<{ kind: 'organisation'; code: string } | { kind: 'person' }>;
    }
  | { matches: false; contentHash: string };

/** GET /transactions/{txId}. */
export interface TxInfo {
  txId: string;
  blockNumber: number;
  validationCode: string;
  valid: boolean;
}

/** GET /identities/{subject}. */
export interface IdentityRecord {
  subjectKey: string;
  status: string;
  meta?: { version: number; createdAt: string; updatedAt: string; reason?: string };
  [k: string]: unknown;
}

/** GET /me/properties, /me/businesses, /me/copyrights items (shown by their main fields). */
export interface TitleRecord { parcelNumber: string; owners: string[]; areaSqm: number; use: string; pendingTransferId: string | null; activeEncumbrances: unknown[]; meta?: { updatedAt: string } }
export interface BusinessRecord { code: string; name: string; status: string; entityType: string; registeredCapital: { amount: string; currency: string }; registrarMsp: string; meta?: { updatedAt: string } }
export interface CopyrightItem {
  deposit: { depositId: string; title: string; workType: string; contentHash: string; certificate: { timestamp: string; txId: string } };
  relations: Array<'author' | 'holder' | 'former-holder'>;
}

/** /console/config.json. */
export type ConsoleConfig = Omit<ConsoleRuntimeConfig, 'orgs' | 'ledger'> & { orgs?: string[]; ledger?: ConsoleRuntimeConfig['ledger'] };

/** GET /public/trust-anchors: the root CA certificates receipts are verified against. */
export interface TrustAnchors {
  anchors: Array<{ mspId: string; pem: string; sha256: string }>;
}
