import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { ApiError } from './api-error';
import { ERROR_KEYS, ERRORS, isChaincodeErrorKey } from '@govchain/chaincode';
import { isRetryableCommitError, mapFabricError, stageOf } from './fabric-error-map';

const TX = 'a'.repeat(64);

function cause(code: number): ServiceError {
  return Object.assign(new Error('grpc failure'), { code, details: 'd', metadata: new Metadata() });
}

function chaincodeMessage(key: string, code: number): string {
  return `chaincode response 500, ${JSON.stringify({ code, details: { id: 'x' }, key, message: `text for ${key}` })}`;
}

function endorseError(code: number, messages: string[]): EndorseError {
  return new EndorseError({
    code,
    cause: cause(code),
    transactionId: TX,
    message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
    details: messages.map((message) => ({ address: 'peer0.secret.internal:7051', mspId: 'PublicSecurityMSP', message })),
  });
}

/** fabric-gateway 1.11 exports SubmitError as a type only; its instances are GatewayErrors named SubmitError. */
function submitError(code: number): GatewayError {
  const err = new GatewayError({ code, cause: cause(code), details: [], message: 'submit failed' });
  err.name = 'SubmitError';
  Object.assign(err, { transactionId: TX });
  return err;
}

test('every chaincode key of the conventions maps to its status at endorse and evaluate', () => {
  const keys = ERROR_KEYS.filter(isChaincodeErrorKey).map((key) => [key, ERRORS[key].status] as const);
  assert.equal(keys.length, 15);
  for (const [key, status] of keys) {
    const e = mapFabricError(endorseError(GrpcStatus.ABORTED, [chaincodeMessage(key, status)]));
    assert.equal(e.status, status, key);
    assert.equal(e.key, key);
    assert.equal(e.txId, TX);
    assert.deepEqual(e.details, { id: 'x' });
    const evalErr = new GatewayError({ code: GrpcStatus.UNKNOWN, cause: cause(2), details: [], message: `evaluate call to endorser returned error: ${chaincodeMessage(key, status)}` });
    assert.equal(mapFabricError(evalErr).status, status, `evaluate ${key}`);
  }
});

test('chaincode errors never leak peer addresses or MSP ids', () => {
  const e = mapFabricError(endorseError(GrpcStatus.ABORTED, [chaincodeMessage('RECORD_NOT_FOUND', 404)]));
  const body = JSON.stringify(e.toBody());
  assert.doesNotMatch(body, /secret\.internal|7051|ABORTED/);
});

test('endorse stage without a chaincode payload maps by gRPC status', () => {
  assert.deepEqual(pick(mapFabricError(endorseError(GrpcStatus.UNAVAILABLE, []))), [503, 'PEER_UNAVAILABLE']);
  assert.deepEqual(pick(mapFabricError(endorseError(GrpcStatus.DEADLINE_EXCEEDED, []))), [503, 'PEER_UNAVAILABLE'], 'a write that timed out is a keyed 503');
  assert.deepEqual(pick(mapFabricError(endorseError(GrpcStatus.PERMISSION_DENIED, []))), [403, 'ACCESS_DENIED']);
  assert.deepEqual(pick(mapFabricError(endorseError(GrpcStatus.ABORTED, ['ProposalResponsePayloads do not match']))), [503, 'ENDORSEMENT_FAILED']);
});

test('submit stage maps to orderer errors', () => {
  assert.equal(stageOf(submitError(GrpcStatus.UNAVAILABLE)), 'submit');
  assert.deepEqual(pick(mapFabricError(submitError(GrpcStatus.UNAVAILABLE))), [503, 'ORDERER_UNAVAILABLE']);
  assert.deepEqual(pick(mapFabricError(submitError(GrpcStatus.DEADLINE_EXCEEDED))), [503, 'ORDERER_UNAVAILABLE']);
  const readTimeout = new GatewayError({ code: GrpcStatus.DEADLINE_EXCEEDED, cause: cause(4), details: [], message: 'evaluate timed out' });
  assert.deepEqual(pick(mapFabricError(readTimeout)), [504, 'FABRIC_TIMEOUT'], 'only a read that timed out is a 504');
  assert.deepEqual(pick(mapFabricError(submitError(GrpcStatus.INTERNAL))), [503, 'ORDERER_UNAVAILABLE']);
  assert.equal(mapFabricError(submitError(GrpcStatus.UNAVAILABLE)).txId, TX);
});

test('commit status stage maps timeouts to a keyed 503 with the txId (retry with the same key, or poll)', () => {
  const e = new CommitStatusError({ code: GrpcStatus.DEADLINE_EXCEEDED, cause: cause(4), details: [], transactionId: TX });
  assert.equal(stageOf(e), 'commitStatus');
  assert.deepEqual(pick(mapFabricError(e)), [503, 'COMMIT_STATUS_UNKNOWN']);
  assert.equal(mapFabricError(e).txId, TX);
  const other = new CommitStatusError({ code: GrpcStatus.INTERNAL, cause: cause(13), details: [], transactionId: TX });
  assert.deepEqual(pick(mapFabricError(other)), [503, 'COMMIT_STATUS_UNKNOWN']);
});

test('a chaincode server that is down maps to 503 CHAINCODE_UNAVAILABLE at endorse and evaluate', () => {
  for (const text of ['error in simulation: failed to execute transaction x: could not launch chaincode govchain_0.1.0:abc: connection refused',
    'error in simulation: failed to execute transaction x: error sending: chaincode stream terminated']) {
    assert.deepEqual(pick(mapFabricError(endorseError(GrpcStatus.ABORTED, [text]))), [503, 'CHAINCODE_UNAVAILABLE']);
    const evalErr = new GatewayError({ code: GrpcStatus.UNKNOWN, cause: cause(2), details: [{ address: 'a', mspId: 'm', message: text }], message: 'evaluate failed' });
    assert.deepEqual(pick(mapFabricError(evalErr)), [503, 'CHAINCODE_UNAVAILABLE']);
  }
  // Chaincode keys still win: a chaincode error that mentions the words is not an outage.
  assert.deepEqual(pick(mapFabricError(endorseError(GrpcStatus.ABORTED, [chaincodeMessage('RECORD_NOT_FOUND', 404)]))), [404, 'RECORD_NOT_FOUND']);
});

test('no reachable peer of a required org maps to 503 PEER_UNAVAILABLE', () => {
  const e = new GatewayError({ code: GrpcStatus.FAILED_PRECONDITION, cause: cause(9), details: [], message: '9 FAILED_PRECONDITION: no peers available to evaluate chaincode qscc in channel govchannel' });
  assert.deepEqual(pick(mapFabricError(e)), [503, 'PEER_UNAVAILABLE']);
  assert.doesNotMatch(JSON.stringify(mapFabricError(e).toBody()), /qscc|govchannel/);
});

test('commit stage maps validation codes', () => {
  const commit = (code: number) => new CommitError({ code: code as never, transactionId: TX });
  assert.equal(stageOf(commit(StatusCode.MVCC_READ_CONFLICT)), 'commit');
  assert.deepEqual(pick(mapFabricError(commit(StatusCode.MVCC_READ_CONFLICT))), [409, 'READ_CONFLICT']);
  assert.deepEqual(pick(mapFabricError(commit(StatusCode.PHANTOM_READ_CONFLICT))), [409, 'READ_CONFLICT']);
  assert.deepEqual(pick(mapFabricError(commit(StatusCode.ENDORSEMENT_POLICY_FAILURE))), [403, 'ENDORSEMENT_POLICY_FAILURE']);
  assert.deepEqual(pick(mapFabricError(commit(StatusCode.DUPLICATE_TXID))), [409, 'DUPLICATE_TXID']);
  assert.deepEqual(pick(mapFabricError(commit(StatusCode.BAD_RWSET))), [503, 'TRANSACTION_INVALID']);
  assert.equal(isRetryableCommitError(commit(StatusCode.MVCC_READ_CONFLICT)), true);
  assert.equal(isRetryableCommitError(commit(StatusCode.PHANTOM_READ_CONFLICT)), true);
  assert.equal(isRetryableCommitError(commit(StatusCode.ENDORSEMENT_POLICY_FAILURE)), false);
});

test('non-Fabric errors become a bare 500 and ApiErrors pass through', () => {
  assert.deepEqual(pick(mapFabricError(new TypeError('x at /secret/path.js:1'))), [500, 'INTERNAL']);
  assert.equal(mapFabricError(new TypeError('boom')).message, 'internal error');
  const api = new ApiError(403, 'OPERATOR_NOT_ENROLLED', 'no');
  assert.equal(mapFabricError(api), api);
});

test('a payload with an undeclared key, or a gateway key, is not trusted: it maps by stage, never to a client error', () => {
  for (const [key, code] of [['SOMETHING_NEW', 418], ['ROUTE_NOT_FOUND', 404], ['INTERNAL', 500]] as const) {
    assert.deepEqual(pick(mapFabricError(endorseError(GrpcStatus.ABORTED, [chaincodeMessage(key, code)]))), [503, 'ENDORSEMENT_FAILED'], key);
  }
  // A declared key answers the table's status, whatever code the payload claims.
  assert.deepEqual(pick(mapFabricError(endorseError(GrpcStatus.ABORTED, [chaincodeMessage('RECORD_NOT_FOUND', 200)]))), [404, 'RECORD_NOT_FOUND']);
});

function pick(e: ApiError): [number, string] {
  return [e.status, e.key];
}
