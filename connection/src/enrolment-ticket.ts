/**
 * What the department admin hands to a new operator: everything needed to enrol a key generated on the
 * operator's own device, including the one-time secret. The network's `operator:add` writes it (once, to a 0600
 * file or a terminal; never logged); `@govchain/client` reads it. One wire type for both.
 */
export interface EnrolmentTicket {
  kind: 'govchain-enrolment-ticket';
  org: string;
  mspId: string;
  operatorId: string;
  role: string;
  /** CA enrolment id: the CSR's common name must be exactly this. */
  enrollmentId: string;
  /** One-time enrolment secret (the CA accepts it for a single enrolment). */
  secret: string;
}
