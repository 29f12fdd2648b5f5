/**
 * The closed set of error keys of the GovChain API: every key the chaincode throws and every key the gateway
 * answers with, each with its HTTP status and what it means (docs/errors.md is generated from this table). A
 * client maps keys, never prose. Keys that the chaincode may throw are marked `chaincode: true`.
 */

/** One error key: its HTTP status, further statuses it is also answered with, and its documented meaning. */
export interface ErrorSpec {
  readonly status: number;
  /** Statuses besides `status` that some route answers this key with (documented in `meaning`). */
  readonly also?: readonly number[];
  /** What happened and what to do next. */
  readonly meaning: string;
  /** The chaincode throws this key (its JSON error payload carries it); otherwise only the gateway answers it. */
  readonly chaincode?: true;
}

export const ERRORS = {
  // Thrown by the chaincode (and some also by the gateway, which checks first).
  INVALID_ARGUMENT: { status: 400, chaincode: true, meaning: 'An argument, path parameter, query or body field is invalid; details.issues lists where and why (never the value). Fix the request.' },
  FORBIDDEN_ROLE: { status: 403, chaincode: true, meaning: 'The caller\'s role may not do this (or the certificate carries no GovChain role). Use an operator with one of the roles in details.allowed.' },
  FORBIDDEN_ORG: { status: 403, chaincode: true, meaning: 'The caller\'s org may not do this, or the token is for another department\'s gateway. Ask the org that owns the record.' },
  ACCESS_DENIED: { status: 403, chaincode: true, meaning: 'No committed access or lookup entry by this operator authorises this read, or the network refused the identity. Record the access first.' },
  GRANT_REQUIRED: { status: 403, chaincode: true, meaning: 'No sharing grant approved by the dataset owner and unexpired covers this org, dataset and purpose; details.status says why. Ask governance for a grant.' },
  RECORD_NOT_FOUND: { status: 404, chaincode: true, meaning: 'No (genuine) record with this id, or one the caller may not see.' },
  DUPLICATE: { status: 409, chaincode: true, meaning: 'The record (or the work with this hash, or the approval) already exists.' },
  IDEMPOTENCY_CONFLICT: { status: 409, chaincode: true, meaning: 'The Idempotency-Key was already used with a different request. Send a new key for a new request.' },
  INVALID_STATE: { status: 409, chaincode: true, meaning: 'The record is not in a state that allows this (e.g. a transfer that is not pending).' },
  ERASED: { status: 410, chaincode: true, meaning: 'The identity has been erased: its personal data is gone for good.' },
  RULE_VIOLATION: { status: 422, chaincode: true, meaning: 'A business rule refuses the request (e.g. an overlapping exclusive licence); the message names the rule.' },
  APPROVAL_MISSING: { status: 422, chaincode: true, meaning: 'A seller or buyer has not approved the transfer yet; details.missing names them.' },
  CONSENT_REQUIRED: { status: 422, chaincode: true, meaning: 'The lender of an active encumbrance has not consented to the transfer.' },
  ACCESS_EXPIRED: { status: 422, chaincode: true, meaning: 'The access or lookup entry\'s 5-minute window has passed. Record a new access with a new Idempotency-Key.' },
  CONFIG_MISSING: { status: 503, chaincode: true, meaning: 'Governance is not bootstrapped, a registrar is not configured, or the chaincode server lacks its subject-key secret. An operator must finish the setup.' },
  // Answered by the gateway.
  SIGNATURE_INVALID: { status: 400, meaning: 'The client\'s signature does not verify over the bytes the gateway asked it to sign (details.reason). Sign exactly that message with the enrolled key.' },
  ENROLMENT_REFUSED: { status: 403, meaning: 'The org\'s CA refused the enrolment: a wrong or already used secret, or a CSR whose common name is not the operator\'s enrolment id. Ask the department admin for a new secret.' },
  SIGNER_CERTIFICATE_INVALID: { status: 403, meaning: 'The signing certificate is not X.509, not issued by this org\'s CA, expired, or not an EC P-256 key. Enrol again.' },
  SIGNER_MISMATCH: { status: 403, meaning: 'The signing certificate belongs to another operator or role than the token. Sign with your own certificate.' },
  SIGNING_SESSION_NOT_FOUND: { status: 404, meaning: 'No such signing session for this operator.' },
  ALREADY_ENROLLED: { status: 409, meaning: 'The operator already has a certificate on this gateway. Ask the department admin to revoke it and register anew.' },
  SIGNING_STEP_CONFLICT: { status: 409, meaning: 'No signature is awaited right now (the gateway is working on the last one). GET the session and retry.' },
  SIGNING_SESSION_CLOSED: { status: 410, meaning: 'The signing session has ended (declined, failed or aborted). Start again with the same Idempotency-Key.' },
  SIGNING_SESSION_EXPIRED: { status: 410, meaning: 'A signature did not arrive in time; nothing further was submitted. Start again with the same Idempotency-Key.' },
  CLIENT_SIGNING_REQUIRED: { status: 428, meaning: 'This gateway holds no key for the operator: send the request with "Prefer: sign=client" and sign in your client.' },
  TOO_MANY_SIGNING_SESSIONS: { status: 429, meaning: 'Too many unfinished signing sessions for this operator. Finish them or let them expire.' },
  CA_UNAVAILABLE: { status: 503, meaning: 'The org\'s CA is not reachable. Try again later.' },
  SHUTTING_DOWN: { status: 503, meaning: 'The gateway is shutting down: open signing sessions end. Retry against another instance or later.' },
  UNAUTHENTICATED: { status: 401, meaning: 'The bearer token is missing, malformed, expired, too long-lived, for another audience or not signed by a trusted key. Sign in again.' },
  FORBIDDEN_SUBJECT: { status: 403, meaning: 'Citizens may only reach records about themselves.' },
  OPERATOR_NOT_ENROLLED: { status: 403, meaning: 'The token names an operator without an enrolled Fabric identity at this department. Enrol the operator (npm run operator:add).' },
  ENDORSEMENT_POLICY_FAILURE: { status: 403, meaning: 'The endorsements did not satisfy the endorsement policy at commit: the transaction was invalidated and wrote nothing.' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, meaning: 'Every POST needs an Idempotency-Key header (1-128 of [A-Za-z0-9._:-]).' },
  ROUTE_NOT_FOUND: { status: 404, meaning: 'No such route. See /openapi.json.' },
  TRANSACTION_NOT_FOUND: { status: 404, meaning: 'The transaction is not (yet) in the ledger. Poll again after it commits.' },
  RECEIPT_NOT_FOUND: { status: 404, meaning: 'No public receipt for this transaction and evidence (every refusal of the public route looks alike).' },
  RECEIPT_PART_NOT_FOUND: { status: 404, meaning: 'The receipt has fewer block-data parts than the one asked for; details.parts says how many.' },
  REQUEST_TIMEOUT: { status: 408, meaning: 'The client did not send a complete request in time.' },
  READ_CONFLICT: { status: 409, meaning: 'The records changed concurrently and the retries were used up. Try again.' },
  DUPLICATE_TXID: { status: 409, meaning: 'The transaction was already submitted.' },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'The request body exceeds the gateway\'s body limit.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'Send the body as application/json (UTF-8).' },
  RATE_LIMITED: { status: 429, meaning: 'Too many requests from this address, operator or for this lookup route. Slow down.' },
  HEADERS_TOO_LARGE: { status: 431, meaning: 'The request line or headers exceed the server\'s limit.' },
  INTERNAL: { status: 500, meaning: 'An internal error; the gateway logs its cause. Report it with the time of the request.' },
  DISCLOSURE_FAILED: { status: 500, meaning: 'The audit entry carried no access id, so nothing was disclosed.' },
  CONFIG_INVALID: { status: 500, meaning: 'The gateway configuration is invalid: the gateway does not start (exit code 2) and names each bad setting. Never an HTTP answer.' },
  RECEIPT_UNAVAILABLE: { status: 502, meaning: 'The ledger\'s bytes for the transaction do not form a receipt.' },
  TRANSACTION_INVALID: { status: 503, also: [409], meaning: 'The transaction was invalidated at commit (details.validationCode). A write answers 503; a receipt of such a transaction answers 409: it has no receipt.' },
  ENDORSEMENT_FAILED: { status: 503, meaning: 'The transaction could not be endorsed. Retry with the same Idempotency-Key.' },
  ORDERER_UNAVAILABLE: { status: 503, meaning: 'The ordering service is unavailable or did not order the transaction. Retry with the same Idempotency-Key.' },
  CHAINCODE_UNAVAILABLE: { status: 503, meaning: 'The peer cannot reach the chaincode server (down or restarting). Retry with the same Idempotency-Key.' },
  PEER_UNAVAILABLE: { status: 503, meaning: 'The department\'s peer is unreachable (or this gateway has no receipt source). Retry later.' },
  COMMIT_STATUS_UNKNOWN: { status: 503, meaning: 'The commit status could not be obtained; the transaction may still commit. Query GET /transactions/{txId}.' },
  ENDORSER_BEHIND: { status: 503, meaning: 'No other department\'s peer committed the identity staging in time. Retry with the same Idempotency-Key.' },
  OWNER_PEER_BEHIND: { status: 503, meaning: 'The owning department\'s peer has not committed the access entry in time. Retry with the same Idempotency-Key.' },
  CONSOLE_NOT_BUILT: { status: 503, meaning: 'The gateway serves no console build (gateway/src/console). Build it: npm run build (or npm run build -w console).' },
  ATTESTATION_UNAVAILABLE: { status: 503, meaning: 'Too few departments\' peers could attest the receipt\'s transaction. Retry later.' },
  JWKS_UNAVAILABLE: { status: 503, meaning: 'The token signing keys (JWKS) cannot be fetched. Retry later.' },
  FABRIC_TIMEOUT: { status: 504, meaning: 'A Fabric step timed out; a write may still commit. Query the transaction.' },
} as const satisfies Record<string, ErrorSpec>;

/** Every error key of the API. */
export type ErrorKey = keyof typeof ERRORS;
/** The keys the chaincode throws. */
export type ChaincodeErrorKey = { [K in ErrorKey]: (typeof ERRORS)[K] extends { chaincode: true } ? K : never }[ErrorKey];
/** The HTTP statuses a key is answered with. */
export type StatusOf<K extends ErrorKey> = Extract<(typeof ERRORS)[K] extends { also: readonly (infer A)[] } ? (typeof ERRORS)[K]['status'] | A : (typeof ERRORS)[K]['status'], number>;

/** Every key, in table order. */
export const ERROR_KEYS = Object.keys(ERRORS) as ErrorKey[];

/** True for a declared key. */
export function isErrorKey(value: unknown): value is ErrorKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}

/** True for a key the chaincode throws. */
export function isChaincodeErrorKey(value: unknown): value is ChaincodeErrorKey {
  return isErrorKey(value) && (ERRORS[value] as ErrorSpec).chaincode === true;
}

/** Structured, JSON-safe context of an error; never personal data. */
export type ErrorDetails = Record<string, unknown>;

/** A chaincode error as it travels: canonical JSON `{"code","details","key","message"}` in the error message. */
export interface ChaincodeErrorPayload {
  key: ChaincodeErrorKey;
  /** The key's status in the table (the payload's own `code` is not trusted). */
  code: StatusOf<ChaincodeErrorKey>;
  message: string;
  details: ErrorDetails;
}

/**
 * Parses the chaincode error wire format out of any text that carries it: the peer's error detail, a client
 * library's message, or the chaincode's own Error.message. The payload starts at the first `{`; peer text may
 * precede it and follow it. Returns undefined for text without a well-formed payload whose key is a chaincode
 * key, so prose is never matched and an unknown key is never trusted.
 */
export function parseChaincodeError(text: string): ChaincodeErrorPayload | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  const candidate = text.slice(start);
  // The longest prefix that is JSON, ending at a '}': trailing peer text is ignored.
  for (let end = candidate.lastIndexOf('}'); end > 0; end = candidate.lastIndexOf('}', end - 1)) {
    let value: unknown;
    try {
      value = JSON.parse(candidate.slice(0, end + 1));
    } catch {
      continue;
    }
    return payloadOf(value);
  }
  return undefined;
}

function payloadOf(value: unknown): ChaincodeErrorPayload | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!isChaincodeErrorKey(v.key) || typeof v.message !== 'string') return undefined;
  const details = typeof v.details === 'object' && v.details !== null && !Array.isArray(v.details) ? (v.details as ErrorDetails) : {};
  return { key: v.key, code: ERRORS[v.key].status, message: v.message, details };
}
