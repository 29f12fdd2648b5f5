import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
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
  // A context with what a page has (WebCrypto, TextEncoder, atob) and none of Node's globals.
  const sandbox = { crypto: globalThis.crypto, TextEncoder, TextDecoder, atob, btoa, console } as Record<string, unknown>;
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  sandbox.globalThis = sandbox;
  const ctx = createContext(sandbox);
  runInContext(code, ctx);
  const result = runInContext("GovChainVerifier.renderPolicy(GovChainVerifier.parsePolicy(\"OutOf(2,'A.peer','B.peer')\"))", ctx) as string;
  assert.equal(result, "OutOf(2, 'A.peer', 'B.peer')");
  const digest = await (runInContext('GovChainVerifier.sha256(new TextEncoder().encode("abc")).then(GovChainVerifier.toHex)', ctx) as Promise<string>);
  assert.equal(digest, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
