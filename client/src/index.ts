/**
 * @govchain/client: what a service-window app or the console needs to act as an operator whose key never
 * leaves their device: key generation (Web Crypto P-256), enrolment through the gateway (CSR with the one-time
 * ticket), client-signed requests (`Prefer: sign=client`, each signing step decoded and checked before it is
 * signed, DER low-S signatures), Idempotency-Keys and the gateway's error keys.
 */
export { GovChainClient, type ApiResult, type GovChainClientOptions, type RequestOptions } from './govchain-client';
export { GovChainError, type ClientErrorKey, type GovChainErrorKey } from './errors';
export { webCryptoSigner, type OperatorSigner } from './operator-signer';
export { enrolOperator, type Enrolled, type EnrolmentTicket } from './enrolment';
export { exportPrivateKeyPem, generateOperatorKey, importPrivateKeyPem, publicKeySpki, signMessage } from './keys';
export { createCsr } from './csr';
export { certificateAttributes, certificatePublicKeySpki, certificateSha256 } from './certificate';
export { p1363ToLowSDer } from './der-signature';
export { readProposal, readTransaction, type FabricCall } from './fabric-messages';
export { checkStep, type SignatureRequired, type SignedStep } from './signing-step';
export { openKeyStore, type KeyStore, type StoredOperatorKey } from './key-store';
