import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { ApiError } from './api-error';
import { parseChaincodeError } from '@govchain/chaincode';

/** Where in the Fabric transaction flow a failure happened. */
export type FabricStage = 'evaluate' | 'endorse' | 'submit' | 'commitStatus' | 'commit';

/** Validation codes that mean "read set went stale": safe to retry with a fresh proposal. */
export const RETRYABLE_VALIDATION_CODES: ReadonlySet<number> = new Set([
  StatusCode.MVCC_READ_CONFLICT,
  StatusCode.PHANTOM_READ_CONFLICT,
]);

/** Name of a transaction validation code, e.g. 11 -> MVCC_READ_CONFLICT. */
export function validationCodeName(code: number): string {
  const entry = Object.entries(StatusCode).find(([, v]) => v === code);
  return entry ? entry[0] : `UNKNOWN_${code}`;
}

/** True when a (possibly wrapped) CommitError failed with MVCC or phantom read conflict. */
export function isRetryableCommitError(err: unknown): boolean {
  return err instanceof CommitError && RETRYABLE_VALIDATION_CODES.has(err.code);
}

/** Stage of a fabric-gateway error from its class, or undefined for a non-Fabric error. */
export function stageOf(err: unknown): FabricStage | undefined {
  if (err instanceof EndorseError) return 'endorse';
  if (err instanceof CommitStatusError) return 'commitStatus';
  if (err instanceof CommitError) return 'commit';
  // SubmitError is exported as a type only by fabric-gateway 1.11; its instances carry the class name.
  if (err instanceof GatewayError && err.name === 'SubmitError') return 'submit';
  if (err instanceof GatewayError) return 'evaluate';
  return undefined;
}

function txIdOf(err: unknown): string | undefined {
  const id = (err as { transactionId?: unknown }).transactionId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/** Peer texts that mean the chaincode server cannot be reached (CCaaS: the peer dials it per invocation). */
const CHAINCODE_DOWN = /could not launch chaincode|chaincode stream terminated/;
/** Peer gateway text when no peer of the required org is reachable or known (crashed, or dropped by discovery). */
const NO_PEERS = /no peers available to (evaluate|endorse)/;

/**
 * gRPC status and peer text -> HTTP for failures that carry no chaincode payload (peer, orderer or chaincode
 * transport problems). Every failure that a retry with the same Idempotency-Key may cure is a keyed 503.
 */
function transportError(stage: FabricStage, grpcCode: number, text: string): ApiError {
  if ((stage === 'endorse' || stage === 'evaluate') && CHAINCODE_DOWN.test(text)) {
    return new ApiError(503, 'CHAINCODE_UNAVAILABLE', 'the chaincode service is unavailable; retry with the same Idempotency-Key', { stage });
  }
  if ((stage === 'endorse' || stage === 'evaluate') && NO_PEERS.test(text)) {
    return new ApiError(503, 'PEER_UNAVAILABLE', 'no peer of a required department is available; retry with the same Idempotency-Key', { stage });
  }
  switch (grpcCode) {
    case GrpcStatus.DEADLINE_EXCEEDED:
      // A write that timed out was not committed (as far as the gateway knows): a keyed 503, and a retry with the same
      // Idempotency-Key is safe (a transaction that commits after all is replayed by the chaincode). Only a read that
      // timed out is a 504. The commit wait also ends here for a transaction lost with a crashed orderer leader.
      switch (stage) {
        case 'endorse':
          return new ApiError(503, 'PEER_UNAVAILABLE', 'an endorsing peer did not answer in time; retry with the same Idempotency-Key', { stage, timeout: true });
        case 'submit':
          return new ApiError(503, 'ORDERER_UNAVAILABLE', 'the ordering service did not answer in time; retry with the same Idempotency-Key', { stage, timeout: true });
        case 'commitStatus':
          return new ApiError(503, 'COMMIT_STATUS_UNKNOWN', 'the commit was not confirmed in time; retry with the same Idempotency-Key or query the transaction', { stage, timeout: true });
        default:
          return new ApiError(504, 'FABRIC_TIMEOUT', `the ${stage} step timed out`, { stage });
      }
    case GrpcStatus.UNAVAILABLE:
      return stage === 'submit'
        ? new ApiError(503, 'ORDERER_UNAVAILABLE', 'the ordering service is unavailable', { stage })
        : new ApiError(503, 'PEER_UNAVAILABLE', 'the peer is unavailable', { stage });
    case GrpcStatus.PERMISSION_DENIED:
      return new ApiError(403, 'ACCESS_DENIED', 'the network refused this identity', { stage });
    default:
      if (stage === 'submit') return new ApiError(503, 'ORDERER_UNAVAILABLE', 'the transaction could not be ordered', { stage });
      if (stage === 'commitStatus') {
        return new ApiError(503, 'COMMIT_STATUS_UNKNOWN', 'the commit status could not be obtained; query the transaction', { stage });
      }
      return new ApiError(503, 'ENDORSEMENT_FAILED', 'the transaction could not be endorsed', { stage });
  }
}

/** Maps a commit-time validation failure (the transaction was ordered but is invalid). */
function commitError(code: number): ApiError {
  const name = validationCodeName(code);
  const details = { stage: 'commit', validationCode: name };
  if (RETRYABLE_VALIDATION_CODES.has(code)) {
    return new ApiError(409, 'READ_CONFLICT', 'the records changed concurrently; retries were exhausted, try again', details);
  }
  if (code === StatusCode.ENDORSEMENT_POLICY_FAILURE) {
    return new ApiError(403, 'ENDORSEMENT_POLICY_FAILURE', 'the endorsements do not satisfy the endorsement policy', details);
  }
  if (code === StatusCode.DUPLICATE_TXID) return new ApiError(409, 'DUPLICATE_TXID', 'the transaction was already submitted', details);
  return new ApiError(503, 'TRANSACTION_INVALID', `the transaction was not validated (${name})`, details);
}

/**
 * Maps any error thrown by a Fabric call to an ApiError, by stage and by chaincode error key.
 * Chaincode keys are read by the API's one parser of the chaincode error wire format (only declared chaincode
 * keys are trusted; their status is the table's); the peer's own text, addresses and MSP ids are never copied.
 * A payload with an undeclared key is treated as peer text, i.e. by stage and gRPC status, never as a client error.
 */
export function mapFabricError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const txId = txIdOf(err);
  const stage = stageOf(err);
  if (stage === undefined) return new ApiError(500, 'INTERNAL', 'internal error').withTxId(txId);
  if (err instanceof CommitError) return commitError(err.code).withTxId(txId);
  const gwErr = err as GatewayError;
  const texts = [...(gwErr.details ?? []).map((d) => d.message), gwErr.message ?? ''];
  for (const text of texts) {
    const payload = parseChaincodeError(text);
    if (payload) {
      return new ApiError(payload.code, payload.key, payload.message, payload.details).withTxId(txId);
    }
  }
  const internal = texts.filter(Boolean).join(' | ').slice(0, 2000);
  const mapped = transportError(stage, gwErr.code, internal);
  mapped.internal = internal;
  return mapped.withTxId(txId);
}
