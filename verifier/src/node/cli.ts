#!/usr/bin/env node
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ReceiptError } from '../errors';
import { parseReceipt } from '../format';
import { findingText, formatReport, languageOf, LANGUAGES, type Language } from '../messages';
import { verifyReceipt } from '../verify';
import { attachmentsFromPdf } from './pdf-attachment';
import { loadTrustDir } from './trust-dir';

const USAGE = `usage: govchain-verify <receipt.json | certificate.pdf> --trust <folder of org root CA certificates> [--file <work>] [--parts <folder>] [--json] [--lang en|zh-CN]

  --trust  folder with one <MSP id>.pem per org (e.g. CopyrightOfficeMSP.pem, OrdererMSP.pem), obtained from the orgs themselves
  --file   also check that this file's SHA-256 equals the deposited hash (copyright deposits)
  --parts  folder with part-<n>.bin, for a receipt whose block data is split into parts (a PDF carries them itself)
  --json   print the report as JSON
  --lang   checklist language (default: from LC_ALL / LC_MESSAGES / LANG)

Exit status: 0 verified, 1 not verified, 2 usage or input error.`;

/** What the CLI needs from its environment (tests pass their own). */
export interface CliIo {
  argv: string[];
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Reads part-<n>.bin files; a missing one is left empty, and the verifier reports which part does not match. */
function readParts(dir: string, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, n) => {
    try {
      return new Uint8Array(readFileSync(join(dir, `part-${n}.bin`)));
    } catch {
      return new Uint8Array();
    }
  });
}

function usageError(io: CliIo, key: string, message: string): number {
  io.err(`${key}: ${message}\n\n${USAGE}\n`);
  return 2;
}

/** Runs govchain-verify; resolves to the exit status. */
export async function runCli(io: CliIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  const parse = () => parseArgs({
    args: io.argv,
    allowPositionals: true,
    strict: true,
    options: { trust: { type: 'string' }, file: { type: 'string' }, parts: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  try {
    args = parse();
  } catch (err) {
    return usageError(io, 'INVALID_ARGUMENT', (err as Error).message);
  }
  const v = args.values;
  if (v.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (args.positionals.length !== 1) return usageError(io, 'INVALID_ARGUMENT', 'give exactly one receipt.json or certificate.pdf');
  if (!v.trust) return usageError(io, 'INVALID_ARGUMENT', '--trust <folder> is required: verification trusts only the CA certificates you give it');
  if (v.lang !== undefined && !(LANGUAGES as readonly string[]).includes(v.lang)) return usageError(io, 'INVALID_ARGUMENT', `--lang must be one of ${LANGUAGES.join(', ')}`);
  const lang: Language = (v.lang as Language | undefined) ?? languageOf(io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG);
  const input = args.positionals[0] as string;
  try {
    const trust = loadTrustDir(v.trust);
    let bytes: Buffer;
    try {
      bytes = readFileSync(input);
    } catch {
      throw new ReceiptError('FILE_UNREADABLE', `cannot read ${input}`, { path: input });
    }
    const isPdf = bytes.subarray(0, 5).toString('latin1') === '%PDF-';
    let fileSha256: string | undefined;
    if (v.file !== undefined) {
      const file = v.file;
      fileSha256 = await sha256File(file).catch(() => {
        throw new ReceiptError('FILE_UNREADABLE', `cannot read ${file}`, { path: file });
      });
    }
    let receipt;
    let parts: Uint8Array[] = [];
    try {
      const attached = isPdf ? await attachmentsFromPdf(new Uint8Array(bytes)) : undefined;
      receipt = parseReceipt(attached ? attached.receipt : bytes.toString('utf8'));
      parts = attached?.parts ?? [];
      if (v.parts !== undefined && 'parts' in receipt.block.others) parts = readParts(v.parts, receipt.block.others.parts.length);
    } catch (err) {
      if (!(err instanceof ReceiptError)) throw err;
      // A receipt that cannot be read is evidence that does not verify, not a usage error.
      if (v.json) io.out(`${JSON.stringify({ ok: false, error: { key: err.key, message: err.message, details: err.details } }, null, 2)}\n`);
      else io.err(`${err.key}: ${err.message}\n${JSON.stringify(err.details)}\n`);
      return 1;
    }
    const report = await verifyReceipt(receipt, { trust, parts, ...(fileSha256 ? { fileSha256 } : {}) });
    if (v.json) {
      const checks = report.checks.map((c) => ({ ...c, findings: c.findings.map((f) => ({ ...f, text: findingText(f, lang) })) }));
      io.out(`${JSON.stringify({ ...report, checks, lang, source: isPdf ? 'pdf' : 'json' }, null, 2)}\n`);
    } else {
      io.out(formatReport(report, lang));
    }
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof ReceiptError) return usageError(io, err.key, err.message);
    throw err;
  }
}

if (require.main === module) {
  runCli({ argv: process.argv.slice(2), env: process.env, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      process.stderr.write(`INTERNAL: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    });
}
