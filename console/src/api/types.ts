/** Response shapes of the REST routes the console uses (see docs/openapi.json). */

/** An audit entry (Data Tracker fields). */
export interface AccessEntry {
  accessId: string;
  accessorOperatorId: string;
  accessorMsp: string;
  role: string;
  subjectKey: string;
  dataset: string;
  fields: string[];
  purpose: string;
  legalBasis: string;
  caseId: string;
  at: string;
  expiresAt: string;
  sealedUntil?: string;
  grantId: string | null;
  importBatchId?: string;
}

/** GET /audit/search. */
export interface SearchPage {
  records: AccessEntry[];
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
  /** Sealed entries about the citizen: how many, and when each is released (when the API offers it). */
  withheld?: { count: number; releases?: string[] } | number;
}

/** POST /audit/leak-trace. */
export interface CoverageRow {
  accessorMsp: string;
  accessorOperatorId?: string;
  covered: number;
  coverage: number;
  accesses: number;
  firstAt: string;
  lastAt: string;
  subjects?: Array<{ subjectKey: string; count: number; accessIds: string[] }>;
  operators?: number;
}
export interface LeakReport {
  subjects: number;
  from: string | null;
  to: string | null;
  operators: CoverageRow[];
  orgs: CoverageRow[];
  withheld: number;
  untouched: number;
  complete: boolean;
  cost: { calls: number; read: number; pages: number };
}

/** GET /audit/activity. */
export interface ActivityItem {
  accessId: string;
  at: string;
  accessorMsp: string;
  accessorOperatorId: string;
  subjectKey: string;
  dataset: string;
}
export interface ActivityReport {
  days: string[];
  orgs: string[];
  perDay: Array<{ day: string; org: string; count: number }>;
  offHours: { count: number; entries: Array<ActivityItem & { localTime: string }> };
  heavyUsers: Array<{ day: string; org: string; operator: string; distinctSubjects: number; orgMedian: number }>;
  withheld: number;
  complete: boolean;
  readUntil: string | null;
  cost: { calls: number; read: number; pages: number };
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
export interface ConsoleConfig {
  org: string;
  mspId: string;
  tokenSignIn: boolean;
  oidc: { authority: string; clientId: string; scope: string } | null;
  apiBase: string;
  orgs?: string[];
}
