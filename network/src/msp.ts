import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NetworkError } from './errors';

const NODE_OU_CONFIG = (caFile: string) =>
  ['client', 'peer', 'admin', 'orderer']
    .map((ou) => `  ${ou[0]!.toUpperCase()}${ou.slice(1)}OUIdentifier:\n    Certificate: ${caFile}\n    OrganizationalUnitIdentifier: ${ou}`)
    .join('\n');

/** Writes the NodeOUs config.yaml that lets Fabric tell peers, orderers, admins and clients apart by OU. */
export function writeNodeOus(mspDir: string): void {
  writeFileSync(join(mspDir, 'config.yaml'), `NodeOUs:\n  Enable: true\n${NODE_OU_CONFIG('cacerts/ca.pem')}\n`);
}

/** The only file in a directory (fabric-ca-client names keys and CA certs after hashes and hosts). */
export function onlyFile(dir: string): string {
  const files = readdirSync(dir);
  if (files.length !== 1 || !files[0]) throw new NetworkError('CRYPTO_INVALID', `expected exactly one file in ${dir}, found ${files.length}`, 'run "npm run network:down" and bring the network up again');
  return join(dir, files[0]);
}

/** Renames an enrolled MSP's files to stable names: keystore/key.pem, cacerts/ca.pem; adds NodeOUs. */
export function normaliseMsp(mspDir: string): void {
  renameSync(onlyFile(join(mspDir, 'keystore')), join(mspDir, 'keystore', 'key.pem'));
  renameSync(onlyFile(join(mspDir, 'cacerts')), join(mspDir, 'cacerts', 'ca.pem'));
  mkdirSync(join(mspDir, 'tlscacerts'), { recursive: true });
  copyFileSync(join(mspDir, 'cacerts', 'ca.pem'), join(mspDir, 'tlscacerts', 'ca.pem'));
  rmSync(join(mspDir, 'IssuerPublicKey'), { force: true });
  rmSync(join(mspDir, 'IssuerRevocationPublicKey'), { force: true });
  rmSync(join(mspDir, 'user'), { recursive: true, force: true });
  writeNodeOus(mspDir);
}

/** Turns a TLS-profile enrolment into tls/{server.crt,server.key,ca.crt} (names Fabric's docs use). */
export function normaliseTls(enrollDir: string, tlsDir: string): void {
  mkdirSync(tlsDir, { recursive: true });
  copyFileSync(onlyFile(join(enrollDir, 'signcerts')), join(tlsDir, 'server.crt'));
  copyFileSync(onlyFile(join(enrollDir, 'keystore')), join(tlsDir, 'server.key'));
  copyFileSync(onlyFile(join(enrollDir, 'tlscacerts')), join(tlsDir, 'ca.crt'));
  rmSync(enrollDir, { recursive: true, force: true });
}

/** Builds the org-level MSP (CA and TLS roots, NodeOUs) from an enrolled member's MSP. */
export function writeOrgMsp(orgMspDir: string, memberMspDir: string): void {
  for (const sub of ['cacerts', 'tlscacerts']) {
    mkdirSync(join(orgMspDir, sub), { recursive: true });
    copyFileSync(join(memberMspDir, 'cacerts', 'ca.pem'), join(orgMspDir, sub, 'ca.pem'));
  }
  writeNodeOus(orgMspDir);
}
