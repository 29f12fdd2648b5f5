import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';

/** Bundles the verification core for a browser; Node built-ins (fs, crypto module, Buffer) would fail the build. */
export async function bundleForBrowser(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(__dirname, 'index.js')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'GovChainVerifier',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

test('the verification core bundles for a browser and runs with only browser globals', async () => {
  const code = await bundleForBrowser();
  assert.ok(code.length > 10_000);
  assert.doesNotMatch(code, /require\("(fs|path|crypto|zlib|http2?|net|tls)"\)/, 'no Node built-in is required');
  // A context with what a page has (WebCrypto, TextEncoder, atob) and none of Node's globals (no require,
  // process, Buffer). The binary types come from this realm, as WebCrypto's results do: a page has one realm,
  // and libraries that check `instanceof ArrayBuffer` would otherwise see two.
  const binary = { ArrayBuffer, Uint8Array, Uint16Array, Uint32Array, Int8Array, Int16Array, Int32Array, Uint8ClampedArray, Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView };
  const sandbox = { crypto: globalThis.crypto, TextEncoder, TextDecoder, atob, btoa, console, ...binary } as Record<string, unknown>;
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  sandbox.globalThis = sandbox;
  const ctx = createContext(sandbox);
  runInContext(code, ctx);
  const result = runInContext("GovChainVerifier.renderPolicy(GovChainVerifier.parsePolicy(\"OutOf(2,'A.peer','B.peer')\"))", ctx) as string;
  assert.equal(result, "OutOf(2, 'A.peer', 'B.peer')");
  const digest = await (runInContext('GovChainVerifier.sha256(new TextEncoder().encode("abc")).then(GovChainVerifier.toHex)', ctx) as Promise<string>);
  assert.equal(digest, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  // A real receipt verifies inside that context, as a console page would do it.
  const fixtures = resolve(__dirname, '..', 'fixtures');
  sandbox.receiptText = readFileSync(resolve(fixtures, 'copyright-deposit.json'), 'utf8');
  sandbox.anchors = readdirSync(resolve(fixtures, 'trust')).map((f) => ({ mspId: basename(f, '.pem'), pem: readFileSync(resolve(fixtures, 'trust', f), 'utf8') }));
  const ok = await (runInContext('GovChainVerifier.verifyReceipt(GovChainVerifier.parseReceipt(receiptText), { trust: GovChainVerifier.TrustStore.fromPem(anchors) }).then((r) => r.ok)', ctx) as Promise<boolean>);
  assert.equal(ok, true);
});
