#!/usr/bin/env node
// Gateway signing cost: fabric-gateway's pure-JS P-256 signer vs the gateway's native (OpenSSL) signer,
// on the same key and messages, in one run. Usage: node bench/signer.mjs [N]
import { Buffer } from 'node:buffer';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { signers } from '@hyperledger/fabric-gateway';
import { newNativeSigner } from '@govchain/gateway';

const n = Number(process.argv[2] ?? 2000);
if (!Number.isInteger(n) || n < 10 || n > 1e6) {
  console.error('INVALID_ARGUMENT: N must be an integer between 10 and 1000000');
  process.exit(2);
}
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const messages = Array.from({ length: n }, (_, i) => Buffer.from(`proposal ${i} `.repeat(40)));
const js = signers.newPrivateKeySigner(privateKey);
const native = newNativeSigner(privateKey);

async function time(label, fn) {
  const start = process.cpuUsage();
  for (const m of messages) await fn(m);
  const u = process.cpuUsage(start);
  return { label, msCpuPerSignature: (u.user + u.system) / 1000 / n };
}
// fabric-gateway hashes before its signer (hash.sha256); the native signer hashes inside (hash.none).
const a = await time('fabric-gateway signers.newPrivateKeySigner + hash.sha256', (m) => js(createHash('sha256').update(m).digest()));
const b = await time('native signer (hash.none)', (m) => native(m));
console.log(JSON.stringify({ n, results: [a, b].map((r) => ({ ...r, msCpuPerSignature: Number(r.msCpuPerSignature.toFixed(3)) })), speedup: Number((a.msCpuPerSignature / b.msCpuPerSignature).toFixed(1)) }));
