import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as x509 from '@peculiar/x509';
import { dataDir, departments, loadTopology, ordererOrg, paths } from '@govchain/network';

const REPO = resolve(__dirname, '..', '..', '..');
/** The verifier CLI as `npx govchain-verify` runs it (the workspace bin). */
export const VERIFY_CLI = resolve(REPO, 'verifier', 'dist', 'node', 'cli.js');

/** Where the e2e run keeps receipts and rendered certificates (removed with the network data). */
export function outputDir(): string {
  const dir = resolve(dataDir(), 'receipts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A trust folder with only the org root CA certificates copied out of the running network (<MSP id>.pem). */
export function networkTrustDir(): string {
  const t = loadTopology();
  const dir = mkdtempSync(join(tmpdir(), 'govchain-trust-'));
  for (const org of [...departments(t), ordererOrg(t)]) copyFileSync(join(paths.orgMsp(org.name), 'cacerts', 'ca.pem'), join(dir, `${org.mspId}.pem`));
  return dir;
}

/** A trust folder of another network: fresh self-signed CAs with the same MSP ids. */
export async function throwawayTrustDir(): Promise<string> {
  const t = loadTopology();
  const dir = mkdtempSync(join(tmpdir(), 'govchain-other-trust-'));
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  for (const org of [...departments(t), ordererOrg(t)]) {
    const keys = await crypto.subtle.generateKey(alg, false, ['sign', 'verify']);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01', name: `CN=ca.${org.name.toLowerCase()}.other.example, O=${org.name}`, notBefore: new Date('2020-01-01'), notAfter: new Date('2040-01-01'),
      keys, signingAlgorithm: alg, extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
    });
    writeFileSync(join(dir, `${org.mspId}.pem`), cert.toString('pem'));
  }
  return dir;
}

/** Result of one CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs govchain-verify with arguments (as a separate process, offline, like a court's clerk would). */
export function runVerify(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const start = performance.now();
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [VERIFY_CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 2) : 0;
      resolvePromise({ code, stdout, stderr, ms: performance.now() - start });
    });
  });
}

/** Runs a command, resolving to its stdout (rejects on a non-zero exit). */
export function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(`${cmd} failed: ${stderr || err.message}`)) : resolvePromise(stdout)));
  });
}
