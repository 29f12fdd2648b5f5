import { bytesEqual } from './bytes';
import { certificatePublicKeySpki, certificateSha256 } from './certificate';
import { createCsr } from './csr';
import { errorFromBody, GovChainError } from './errors';
import { GovChainClient } from './govchain-client';
import { publicKeySpki } from './keys';
import type { EnrolmentTicket } from '@govchain/connection';

/** The one-time enrolment ticket `operator:add` hands a new operator (one wire type, from @govchain/connection). */
export type { EnrolmentTicket };

/** The operator's new identity: certificate from the org's CA for the key generated here. */
export interface Enrolled {
  mspId: string;
  operatorId: string;
  role: string;
  certificatePem: string;
  certificateSha256: string;
}

/**
 * Enrols a key pair generated on this device: builds a CSR (common name = the ticket's enrolment id) signed by
 * the private key, sends it with the one-time secret to the gateway, which relays it to the org's CA and keeps
 * only the certificate, and checks that the certificate returned carries this key's public key (a relay that
 * enrolled a key of its own would be caught here) and the ticket's operator.
 */
export async function enrolOperator(o: { baseUrl: string; token: string | (() => string | Promise<string>); ticket: EnrolmentTicket; keys: CryptoKeyPair; fetch?: typeof fetch }): Promise<Enrolled> {
  const csr = await createCsr(o.keys, o.ticket.enrollmentId);
  const client = new GovChainClient({ baseUrl: o.baseUrl, token: o.token, retries: 0, ...(o.fetch ? { fetch: o.fetch } : {}) });
  const res = await client.send<{ certificate?: string; operatorId?: string; mspId?: string; role?: string }>('POST', '/api/v1/enrolments', { body: { secret: o.ticket.secret, csr } });
  if (res.status !== 201) throw errorFromBody(res.status, res.body);
  const pem = res.body.certificate;
  if (typeof pem !== 'string') throw new GovChainError(res.status, 'UNEXPECTED_RESPONSE', 'the enrolment answer carries no certificate');
  if (!bytesEqual(certificatePublicKeySpki(pem), await publicKeySpki(o.keys.publicKey))) {
    throw new GovChainError(res.status, 'ENROLMENT_KEY_MISMATCH', 'the certificate returned is not for this key; do not use it, and tell the department admin');
  }
  if (res.body.operatorId !== o.ticket.operatorId || res.body.mspId !== o.ticket.mspId) {
    throw new GovChainError(res.status, 'ENROLMENT_KEY_MISMATCH', 'the certificate returned names another operator or org');
  }
  return { mspId: o.ticket.mspId, operatorId: o.ticket.operatorId, role: res.body.role ?? o.ticket.role, certificatePem: pem, certificateSha256: await certificateSha256(pem) };
}
