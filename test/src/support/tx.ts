import { randomUUID } from 'node:crypto';
import { Contract } from '@hyperledger/fabric-gateway';
import { utf8 } from './fabric';

/** A fresh client request id. */
export const rid = (): string => `e2e-${randomUUID()}`;

/** Submits `Contract:tx(requestId, canonical JSON input)` and parses the JSON result. */
export async function submitJson<T = Record<string, unknown>>(contract: Contract, tx: string, input: unknown, opts: { requestId?: string; endorsingOrganizations?: string[]; transientData?: Record<string, Uint8Array> } = {}): Promise<T> {
  const args = [opts.requestId ?? rid(), JSON.stringify(input)];
  const bytes = await contract.submit(tx, { arguments: args, ...(opts.endorsingOrganizations ? { endorsingOrganizations: opts.endorsingOrganizations } : {}), ...(opts.transientData ? { transientData: opts.transientData } : {}) });
  return JSON.parse(utf8(bytes)) as T;
}

/** Evaluates a transaction with string arguments and parses the JSON result. */
export async function evaluateJson<T = Record<string, unknown>>(contract: Contract, tx: string, args: string[], opts: { endorsingOrganizations?: string[]; transientData?: Record<string, Uint8Array> } = {}): Promise<T> {
  return JSON.parse(utf8(await contract.evaluate(tx, { arguments: args, ...opts }))) as T;
}

/** The chaincode error key carried in a Fabric error's details (the JSON after the first `{`). */
export function chaincodeKey(err: unknown): string | undefined {
  const e = err as { details?: Array<{ message?: string }>; message?: string };
  const texts = [...(e.details ?? []).map((d) => d.message ?? ''), e.message ?? ''];
  for (const text of texts) {
    const m = /"key":"([A-Z_]+)"/.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

/** Asserts a promise rejects with the given chaincode error key. */
export async function rejectsWithKey(p: Promise<unknown>, key: string): Promise<void> {
  try {
    await p;
  } catch (err) {
    const got = chaincodeKey(err);
    if (got !== key) throw new Error(`expected chaincode error ${key}, got ${got ?? 'none'}: ${String(err)}`);
    return;
  }
  throw new Error(`expected chaincode error ${key}, but the call succeeded`);
}
