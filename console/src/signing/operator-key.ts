import {
  certificateSha256, enrolOperator, generateOperatorKey, GovChainClient, GovChainError, openKeyStore, webCryptoSigner,
  type EnrolmentTicket, type KeyStore, type SignedStep, type StoredOperatorKey,
} from '@govchain/client';
import { ApiError } from '../api/api-error';
import type { ConsoleConfig } from '../api/types';

/** The operator's key in this browser, as the pages show it. */
export interface OperatorKeyState {
  stored: StoredOperatorKey | undefined;
  /** SHA-256 (hex) of the enrolled certificate: the key's name on the ledger. */
  certificateSha256: string | undefined;
}

let store: KeyStore | undefined;
/** The browser's operator key store (IndexedDB `govchain-operator-keys`). */
export const keyStore = (): KeyStore => (store ??= openKeyStore());

/** The key kept here for an operator of this gateway's org, with its certificate's fingerprint. */
export async function loadOperatorKey(mspId: string, operatorId: string): Promise<OperatorKeyState> {
  const stored = await keyStore().load(mspId, operatorId);
  return { stored, certificateSha256: stored?.certificatePem ? await certificateSha256(stored.certificatePem) : undefined };
}

/** The gateway's origin for @govchain/client: the console is served by the gateway it talks to (same origin). */
const gatewayBase = (config: ConsoleConfig): string => config.apiBase.replace(/\/api\/v1\/?$/, '');

/** A client error as the console's ApiError (same key, status and details), for ErrorAlert. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof GovChainError) return new ApiError(err.status, err.key, err.message, err.details, err.txId);
  return new ApiError(0, 'INTERNAL', err instanceof Error ? err.message : String(err));
}

/**
 * Enrols the signed-in operator with a key made here: reuses the key already kept for them (an earlier attempt
 * that did not finish), else generates a non-extractable P-256 pair and keeps it in IndexedDB first; then sends
 * the CSR with the ticket's one-time secret and keeps the certificate beside the key.
 */
export async function enrolHere(o: { config: ConsoleConfig; token: string; ticket: EnrolmentTicket; now?: () => Date }): Promise<OperatorKeyState> {
  const { mspId, operatorId } = o.ticket;
  let stored = await keyStore().load(mspId, operatorId);
  if (!stored || stored.certificatePem) {
    const pair = await generateOperatorKey();
    stored = { mspId, operatorId, privateKey: pair.privateKey, publicKey: pair.publicKey, createdAt: (o.now?.() ?? new Date()).toISOString() };
    await keyStore().save(stored);
  }
  const enrolled = await enrolOperator({ baseUrl: gatewayBase(o.config), token: o.token, ticket: o.ticket, keys: { privateKey: stored.privateKey, publicKey: stored.publicKey } });
  const withCert = { ...stored, certificatePem: enrolled.certificatePem };
  await keyStore().save(withCert);
  return { stored: withCert, certificateSha256: enrolled.certificateSha256 };
}

/**
 * A GovChain client that signs every request in this page with the operator's own key (`Prefer: sign=client`):
 * each message is decoded and checked before it is signed, and must name this deployment's channel and chaincode.
 */
export function signingClient(o: { config: ConsoleConfig; token: string; key: StoredOperatorKey; onSign?: (step: SignedStep) => void }): GovChainClient {
  if (!o.key.certificatePem) throw new ApiError(0, 'OPERATOR_NOT_ENROLLED', 'this browser has a key but no certificate for it yet: finish the enrolment');
  return new GovChainClient({
    baseUrl: gatewayBase(o.config),
    token: o.token,
    signer: webCryptoSigner({ mspId: o.key.mspId, certificatePem: o.key.certificatePem, privateKey: o.key.privateKey }),
    ...(o.config.ledger ? { expect: o.config.ledger } : {}),
    ...(o.onSign ? { onSign: (s: SignedStep) => void o.onSign?.(s) } : {}),
  });
}
