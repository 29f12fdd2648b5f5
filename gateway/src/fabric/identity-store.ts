import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An operator's enrolled Fabric identity: the certificate (with role attributes) and, only for development
 * operators on a gateway allowed to hold their keys (and for the gateway's own service identity), the private key.
 */
export interface OperatorIdentity {
  operatorId: string;
  mspId: string;
  /** `govchain.role` from the certificate's attributes, when present. */
  role: string | undefined;
  certificate: Buffer;
  /** Absent for operators who hold their own key: they sign in their client (`Prefer: sign=client`). */
  privateKey?: KeyObject;
}

/** Looks up enrolled operator identities of one org. */
export interface IdentityStore {
  /** The identity of an operator, or undefined when that operator is not enrolled. */
  find(operatorId: string): OperatorIdentity | undefined;
  /** Drops a cached identity (after an enrolment wrote a new certificate). */
  forget?(operatorId: string): void;
}

/** Which private keys a file identity store may load. */
export interface KeyPolicy {
  /** True when the gateway may hold this operator's key (development operators, the service identity). */
  mayHoldKey(operatorId: string): boolean;
}

/** Reads the Fabric CA attribute extension (JSON `{"attrs":{...}}`) embedded in a certificate. */
export function certificateAttributes(pem: Buffer | string): Record<string, string> {
  const raw = new X509Certificate(pem).raw;
  const start = raw.indexOf('{"attrs":');
  if (start < 0) return {};
  let depth = 0;
  for (let i = start; i < raw.length; i++) {
    const c = raw[i];
    if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) {
      try {
        const parsed = JSON.parse(raw.subarray(start, i + 1).toString('utf8')) as { attrs?: Record<string, string> };
        return parsed.attrs ?? {};
      } catch {
        return {};
      }
    }
  }
  return {};
}

function firstFile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).filter((n) => !n.startsWith('.')).sort()[0];
  return name === undefined ? undefined : join(dir, name);
}

/**
 * Identity store over the network's users directory (`<usersDir>/<operatorId>/msp/{signcerts,keystore}`).
 * Found identities are cached; misses are rechecked on disk, so an operator enrolled with
 * `operator:add` is usable without restarting the gateway.
 */
export function fileIdentityStore(mspId: string, usersDir: string, keys: KeyPolicy = { mayHoldKey: () => true }): IdentityStore {
  const cache = new Map<string, OperatorIdentity>();
  return {
    find(operatorId) {
      if (!/^[a-z][a-z0-9-]{1,31}$/.test(operatorId)) return undefined;
      const cached = cache.get(operatorId);
      if (cached) return cached;
      const msp = join(usersDir, operatorId, 'msp');
      const certPath = firstFile(join(msp, 'signcerts'));
      if (!certPath) return undefined;
      // A key file on disk is read only when policy allows: a gateway without the dev flag never loads one.
      const keyPath = keys.mayHoldKey(operatorId) ? firstFile(join(msp, 'keystore')) : undefined;
      const certificate = readFileSync(certPath);
      const identity: OperatorIdentity = {
        operatorId,
        mspId,
        role: certificateAttributes(certificate)['govchain.role'],
        certificate,
        ...(keyPath ? { privateKey: createPrivateKey(readFileSync(keyPath)) } : {}),
      };
      cache.set(operatorId, identity);
      return identity;
    },
    forget(operatorId) {
      cache.delete(operatorId);
    },
  };
}
