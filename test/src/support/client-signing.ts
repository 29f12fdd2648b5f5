import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPrivateKeyPem, webCryptoSigner, type OperatorSigner } from '@govchain/client';
import { departments, loadTopology, paths } from '@govchain/network';
import { addOperator } from '@govchain/network';

/** The gateway's own identity in client-signing suites: signs citizen reads, commit status and ledger reads only. */
export const SERVICE_IDENTITY = 'svc-gateway';

/** Claims of a development token (the tests' own tokens; not a verification). */
export function tokenClaims(token: string): { sub: string; org: string; role: string } {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; org: string; role: string };
}

/** The MSP id of a department (by name or MSP id). */
export function mspOf(org: string): string {
  const d = departments(loadTopology()).find((o) => o.name === org || o.mspId === org);
  if (!d) throw new Error(`no department ${org}`);
  return d.mspId;
}

/**
 * The key and certificate network:up enrolled for a topology operator, loaded as the operator's own client
 * would hold them (the gateway under test is started without the development flag, so it never reads them).
 */
export async function devOperatorSigner(org: string, operatorId: string): Promise<OperatorSigner> {
  const msp = join(paths.user(departments(loadTopology()).find((o) => o.name === org || o.mspId === org)?.name ?? org, operatorId), 'msp');
  const keyFile = join(msp, 'keystore', 'key.pem');
  if (!existsSync(keyFile)) throw new Error(`operator ${operatorId} of ${org} has no development key at ${keyFile}`);
  return webCryptoSigner({
    mspId: mspOf(org),
    certificatePem: readFileSync(join(msp, 'signcerts', 'cert.pem'), 'utf8'),
    privateKey: await importPrivateKeyPem(readFileSync(keyFile, 'utf8')),
  });
}

/** An OperatorSigner that also keeps every (message, signature) it produced, for replay and tamper tests. */
export function recordingSigner(inner: OperatorSigner): OperatorSigner & { signatures: Array<{ message: Uint8Array; signature: Uint8Array }> } {
  const signatures: Array<{ message: Uint8Array; signature: Uint8Array }> = [];
  return {
    mspId: inner.mspId,
    certificatePem: inner.certificatePem,
    signatures,
    sign: async (message) => {
      const signature = await inner.sign(message);
      signatures.push({ message, signature });
      return signature;
    },
  };
}

/**
 * Enrols the gateway's service identity of an org once (a development enrolment: it is the gateway's own key,
 * never an operator's), so a gateway started without operator keys still has an identity for ledger reads.
 */
export async function ensureServiceIdentity(org: string): Promise<void> {
  const name = departments(loadTopology()).find((o) => o.name === org || o.mspId === org)?.name ?? org;
  if (existsSync(join(paths.user(name, SERVICE_IDENTITY), 'msp', 'keystore', 'key.pem'))) return;
  await addOperator(['--org', name, '--operator', SERVICE_IDENTITY, '--role', 'auditor', '--gateway-held-key'], { log: () => undefined });
}
