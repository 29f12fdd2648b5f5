import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ReceiptError } from '../errors';
import { TrustStore } from '../trust';

/** Extensions of CA certificate files in a trust folder. */
const CERT_EXTENSIONS = new Set(['.pem', '.crt', '.cer']);

/**
 * Loads a trust folder: one root CA certificate per org, named after the org's MSP id, e.g.
 * CopyrightOfficeMSP.pem and OrdererMSP.pem. Other files are refused, so a typo cannot go unnoticed.
 */
export function loadTrustDir(dir: string): TrustStore {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = readdirSync(dir).sort();
  } catch {
    throw new ReceiptError('TRUST_INVALID', `cannot read the trust folder ${dir}`, { dir });
  }
  const entries = names.map((name) => {
    const ext = extname(name).toLowerCase();
    if (!CERT_EXTENSIONS.has(ext)) throw new ReceiptError('TRUST_INVALID', `unexpected file ${name} in the trust folder; expected <MSP id>.pem files`, { file: name });
    return { mspId: basename(name, extname(name)), pem: readFileSync(join(dir, name), 'utf8') };
  });
  return TrustStore.fromPem(entries);
}
