import { createHash, type KeyObject } from 'node:crypto';
import { request } from 'node:https';
import { signers } from '@hyperledger/fabric-gateway';

/**
 * How to reach one org's Fabric CA over its REST API. TLS is verified against the CA's own TLS certificate.
 * The REST API is used (rather than fabric-ca-client) so that enrolment secrets travel only in request bodies
 * over TLS, never on a command line another process could read.
 */
export interface CaEndpoint {
  /** https://host:port of the CA server. */
  url: string;
  /** `--ca.name` of the CA (`ca-<org lower-case>`). */
  caName: string;
  /** PEM of the CA server's TLS certificate. */
  tlsCertPem: string | Buffer;
  /** Upper bound of one CA request (default 10 s). */
  timeoutMs?: number;
}

/** A refusal or failure of the CA. `key` is CA_REFUSED (the CA answered no) or CA_UNAVAILABLE (no answer). */
export class CaError extends Error {
  constructor(
    readonly key: 'CA_REFUSED' | 'CA_UNAVAILABLE',
    readonly status: number,
    message: string,
    /** Fabric CA's own error code (e.g. 20: authentication failure), when it sent one. */
    readonly caCode?: number,
  ) {
    super(message);
    this.name = 'CaError';
  }
}

/** An identity allowed to register others (the CA's bootstrap registrar). */
export interface CaRegistrar {
  certificatePem: string;
  privateKey: KeyObject;
}

/** One attribute of a registration; `ecert` puts it into every enrolment certificate. */
export interface CaAttribute {
  name: string;
  value: string;
  ecert: boolean;
}

/** A registration: the identity, its one-time secret and the attributes its certificates carry. */
export interface CaRegistration {
  id: string;
  type: 'client' | 'peer' | 'orderer' | 'admin';
  secret: string;
  /** 1 for a one-time enrolment secret. */
  maxEnrollments: number;
  attrs: CaAttribute[];
}

/** What an enrolment returns: the certificate and the CA chain (PEM). */
export interface CaEnrolment {
  certificatePem: string;
  caChainPem: string;
}

/** The CA enrolment id of a department operator (as network:up enrols them): `<operatorId>.<org lower-case>`. */
export function enrollmentIdOf(orgName: string, operatorId: string): string {
  return `${operatorId}.${orgName.toLowerCase()}`;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/**
 * Fabric CA's token for a registrar request: `b64(cert).b64(signature)` where the ECDSA signature (DER, low S,
 * as the CA's BCCSP requires) covers `method.b64(uri).b64(body).b64(cert)`. fabric-gateway's signer does the
 * signing and the low-S normalisation.
 */
export async function registrarToken(registrar: CaRegistrar, method: string, uri: string, body: string): Promise<string> {
  const payload = `${method}.${b64(uri)}.${b64(body)}.${b64(registrar.certificatePem)}`;
  const digest = createHash('sha256').update(payload).digest();
  const signature = await signers.newPrivateKeySigner(registrar.privateKey)(digest);
  return `${b64(registrar.certificatePem)}.${b64(Buffer.from(signature))}`;
}

interface CaResponse {
  success?: boolean;
  result?: unknown;
  errors?: Array<{ code?: number; message?: string }>;
}

function post(ep: CaEndpoint, path: string, body: string, authorization: string): Promise<unknown> {
  const url = new URL(path, ep.url);
  const timeoutMs = ep.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      ca: ep.tlsCertPem,
      timeout: timeoutMs,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        let parsed: CaResponse;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CaResponse;
        } catch {
          reject(new CaError('CA_UNAVAILABLE', status, `the CA answered ${path} with something other than JSON (HTTP ${status})`));
          return;
        }
        if (status >= 200 && status < 300 && parsed.success !== false) {
          resolve(parsed.result);
          return;
        }
        const first = parsed.errors?.[0];
        const key = status >= 500 ? 'CA_UNAVAILABLE' : 'CA_REFUSED';
        reject(new CaError(key, status, first?.message ?? `the CA refused ${path} (HTTP ${status})`, first?.code));
      });
      res.on('error', (err) => reject(new CaError('CA_UNAVAILABLE', 0, `reading the CA's answer failed: ${err.message}`)));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(new CaError('CA_UNAVAILABLE', 0, `the CA at ${ep.url} is not reachable: ${err.message}`)));
    req.end(body);
  });
}

/** Registers an identity with the CA (the registrar signs the request); the secret travels only in the body. */
export async function registerIdentity(ep: CaEndpoint, registrar: CaRegistrar, reg: CaRegistration): Promise<void> {
  const body = JSON.stringify({
    id: reg.id,
    type: reg.type,
    secret: reg.secret,
    max_enrollments: reg.maxEnrollments,
    affiliation: '',
    attrs: reg.attrs.map((a) => ({ name: a.name, value: a.value, ecert: a.ecert })),
    caname: ep.caName,
  });
  const path = '/api/v1/register';
  await post(ep, path, body, await registrarToken(registrar, 'POST', path, body));
}

/**
 * Enrols a certificate signing request with an enrolment id and its secret (HTTP basic auth, as Fabric CA
 * defines it). The CA checks that the CSR's common name is the enrolment id; the key never leaves its owner.
 */
export async function enrollCsr(ep: CaEndpoint, enrollmentId: string, secret: string, csrPem: string): Promise<CaEnrolment> {
  const body = JSON.stringify({ certificate_request: csrPem, caname: ep.caName });
  const result = (await post(ep, '/api/v1/enroll', body, `Basic ${b64(`${enrollmentId}:${secret}`)}`)) as
    | { Cert?: string; ServerInfo?: { CAChain?: string } }
    | undefined;
  if (!result?.Cert) throw new CaError('CA_UNAVAILABLE', 200, 'the CA answered the enrolment without a certificate');
  return {
    certificatePem: Buffer.from(result.Cert, 'base64').toString('utf8'),
    caChainPem: Buffer.from(result.ServerInfo?.CAChain ?? '', 'base64').toString('utf8'),
  };
}
