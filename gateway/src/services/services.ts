import type { Ledger } from '../fabric/ledger';
import type { ReceiptSource } from '../fabric/receipt-source';
import { EventService } from './event-service';
import { HealthService } from './health-service';
import { PersonalDataService, type Registrars } from './personal-data-service';
import { ReceiptService } from './receipt-service';
import { RecordService } from './record-service';
import { TransactionService } from './transaction-service';
import { EnrolmentService, type EnrolmentDeps } from './enrolment-service';
import { SigningSessions, type SigningSessionOptions } from './signing-sessions';
import type { IdentityStore } from '../fabric/identity-store';
import type { OrgCa } from '../fabric/signing-certificate';

/** Everything routes may call. */
export interface Services {
  records: RecordService;
  personalData: PersonalDataService;
  transactions: TransactionService;
  events: EventService;
  health: HealthService;
  /** Client-signing sessions (`Prefer: sign=client`). */
  signing: SigningSessions;
  /** Operator enrolment: relays a CSR to the org's CA (the gateway never sees the key). */
  enrolment: EnrolmentService;
  receipts: ReceiptService;
}

/** Options to build the services. */
export interface ServiceOptions {
  ledger: Ledger;
  /** Operator that signs citizen reads and readiness pings. */
  serviceOperator: string;
  /** MSP of this gateway's org. */
  mspId: string;
  registrars: Registrars;
  /** Enrolled identities (certificates) of this org. */
  identities?: IdentityStore;
  /** The org's CA certificates: issuers of the certificates clients sign with. */
  orgCa?: OrgCa;
  /** Time limits of client-signing sessions (default: 60 s per step). */
  signing?: SigningSessionOptions;
  /** Where operator CSRs are relayed (the org's CA); without it enrolment answers 503. */
  enrolment?: EnrolmentDeps;
  /** Raw ledger bytes for receipts (absent in unit tests: receipt routes answer 503). */
  receiptSource?: ReceiptSource;
  receiptInlineBytes?: number;
  /** How long /ready reuses its last answer (ms). */
  readyCacheMs?: number;
}

/** Wires the services over one Ledger. */
export function createServices(o: ServiceOptions): Services {
  const records = new RecordService(o.ledger, o.serviceOperator);
  return {
    records,
    personalData: new PersonalDataService(o.ledger, records, o.mspId, o.registrars),
    transactions: new TransactionService(o.ledger, records),
    events: new EventService(o.ledger, 'GovChainEvent', o.mspId),
    health: new HealthService(o.ledger, o.serviceOperator, o.readyCacheMs),
    signing: new SigningSessions({ identities: o.identities ?? { find: () => undefined }, orgCa: o.orgCa }, o.signing ?? { stepTimeoutMs: 60_000 }),
    enrolment: new EnrolmentService(o.enrolment, o.orgCa),
    receipts: new ReceiptService(o.receiptSource, records, o.serviceOperator, o.receiptInlineBytes),
  };
}
