#!/usr/bin/env node
// Browser build of @govchain/client: one minified ES module with its dependencies (asn1, Fabric protos, idb-keyval),
// for the console and for <script type="module">. Prints the size raw and gzip-compressed (the figure issue 16 reports).
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outfile = resolve(root, 'dist/browser/govchain-client.mjs');
await build({
  entryPoints: [resolve(root, 'src/index.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'external',
  logLevel: 'warning',
});
const bytes = readFileSync(outfile);
const size = { file: 'client/dist/browser/govchain-client.mjs', bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
writeFileSync(resolve(root, 'dist/browser/size.json'), `${JSON.stringify(size, null, 2)}\n`);
console.log(`[client] browser bundle ${size.file}: ${(size.bytes / 1024).toFixed(1)} KiB, ${(size.gzipBytes / 1024).toFixed(1)} KiB gzip`);
