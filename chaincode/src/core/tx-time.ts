import type { ChaincodeStub, Timestamp } from 'fabric-shim';

/** Converts a protobuf timestamp to milliseconds; seconds is a Long in the shim, toString fits Long/number/bigint. */
export function timestampMillis(ts: Timestamp): number {
  return Number(ts.seconds.toString()) * 1000 + Math.floor(ts.nanos / 1e6);
}

/**
 * The transaction timestamp in milliseconds. Chaincode time comes only from the proposal, which every
 * endorser sees identically; the local clock would differ between peers.
 */
export function txTimeMillis(stub: Pick<ChaincodeStub, 'getTxTimestamp'>): number {
  return timestampMillis(stub.getTxTimestamp());
}

/** The transaction timestamp as an ISO-8601 UTC string (millisecond precision). */
export function txTimeIso(stub: Pick<ChaincodeStub, 'getTxTimestamp'>): string {
  return new Date(txTimeMillis(stub)).toISOString();
}
