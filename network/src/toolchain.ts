import { copyFileSync, chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { NetworkError, type NetworkErrorKey } from './errors';
import { exec } from './exec';

/** Fabric v3.1.5 is this commit; the module path has no /v3 suffix, so it is installed by commit. */
export const FABRIC_COMMIT = '86c1172bec37e6590c6b1ae6f847833df48d65fc';
export const FABRIC_MODULE = 'github.com/hyperledger/fabric';
export const FABRIC_CA_VERSION = 'v1.5.21';
export const FABRIC_CA_MODULE = 'github.com/hyperledger/fabric-ca';

const FABRIC_TOOLS = ['peer', 'orderer', 'configtxgen', 'osnadmin', 'configtxlator'] as const;
const CA_TOOLS = ['fabric-ca-server', 'fabric-ca-client'] as const;
const CONFIG_FILES = ['core.yaml', 'orderer.yaml'] as const;

/** Where the binaries and the sample config they run with live. */
export interface Toolchain {
  binDir: string;
  configDir: string;
  bin: (tool: (typeof FABRIC_TOOLS)[number] | (typeof CA_TOOLS)[number]) => string;
}

/** Resolves the toolchain location: GOVCHAIN_FABRIC_BIN, else ~/.cache/govchain/fabric-3.1.5/bin. */
export function toolchain(): Toolchain {
  const binDir = resolve(process.env.GOVCHAIN_FABRIC_BIN ?? join(homedir(), '.cache', 'govchain', 'fabric-3.1.5', 'bin'));
  const configDir = resolve(process.env.GOVCHAIN_FABRIC_CONFIG ?? join(binDir, '..', 'config'));
  return { binDir, configDir, bin: (tool) => join(binDir, tool) };
}

/** Lists what is missing from the toolchain directory (binaries and config files). */
export function missingParts(tc: Toolchain = toolchain()): string[] {
  const bins = [...FABRIC_TOOLS, ...CA_TOOLS].filter((t) => !existsSync(tc.bin(t)));
  const cfg = CONFIG_FILES.filter((f) => !existsSync(join(tc.configDir, f))).map((f) => `config/${f}`);
  return [...bins, ...cfg];
}

type Log = (line: string) => void;

/** Makes sure the toolchain exists, building it with `go install` from the Go module proxy the first time. */
export async function ensureToolchain(log: Log = console.log): Promise<Toolchain> {
  const tc = toolchain();
  const missing = missingParts(tc);
  if (missing.length === 0) return tc;
  log(`[toolchain] missing in ${tc.binDir}: ${missing.join(', ')}`);
  log('[toolchain] building Fabric 3.1.5 and Fabric CA 1.5.21 with go install (first time only; takes several minutes)');
  await requireCommand('go', ['version'], 'TOOLCHAIN_GO_MISSING', 'install Go 1.26 or newer (e.g. from your distribution or go.dev) and put it on PATH');
  await requireCommand('gcc', ['--version'], 'TOOLCHAIN_GCC_MISSING', 'install gcc (Debian: apt-get install gcc); fabric-ca-server needs cgo for sqlite');
  mkdirSync(tc.binDir, { recursive: true });
  mkdirSync(tc.configDir, { recursive: true });
  const started = Date.now();
  const fabricMissing = FABRIC_TOOLS.some((t) => !existsSync(tc.bin(t))) || missing.some((m) => m.startsWith('config/'));
  if (fabricMissing) await buildFabric(tc, log);
  if (CA_TOOLS.some((t) => !existsSync(tc.bin(t)))) await buildFabricCa(tc, log);
  writeFileSync(
    join(tc.binDir, '..', 'BUILD-INFO.json'),
    JSON.stringify({ fabric: `${FABRIC_MODULE}@${FABRIC_COMMIT}`, fabricCa: `${FABRIC_CA_MODULE}@${FABRIC_CA_VERSION}`, builtAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) }, null, 2),
  );
  log(`[toolchain] done in ${Math.round((Date.now() - started) / 1000)} s`);
  return tc;
}

async function requireCommand(cmd: string, args: string[], key: NetworkErrorKey, hint: string): Promise<void> {
  try {
    await exec(cmd, args, { timeoutMs: 30_000 });
  } catch {
    throw new NetworkError(key, `${cmd} is not available on PATH`, hint);
  }
}

const proxyRefusal = /403 Forbidden|not available|410 Gone|404 Not Found/;

function buildFailed(what: string, output: string): NetworkError {
  const tail = output.trim().split('\n').slice(-12).join('\n');
  const refused = proxyRefusal.test(output);
  return new NetworkError(
    'TOOLCHAIN_BUILD_FAILED',
    `building ${what} failed:\n${tail}`,
    refused
      ? 'the Go module proxy refused the module. Set GOPROXY to a proxy that serves it, or set GOVCHAIN_FABRIC_BIN to a directory holding the Fabric 3.1.5 binaries (peer, orderer, configtxgen, osnadmin, configtxlator, fabric-ca-server, fabric-ca-client) with ../config/{core.yaml,orderer.yaml} from Fabric\'s sampleconfig'
      : 'check the output above (network access to the Go module proxy, disk space), then run "npm run toolchain" again',
  );
}

/** Runs a go command, printing a progress line per package built and a heartbeat every 20 s. */
function goStream(args: string[], env: NodeJS.ProcessEnv, cwd: string, log: Log, label: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('go', args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let packages = 0;
    const started = Date.now();
    const heartbeat = setInterval(() => log(`[toolchain] ${label}: ${packages} packages compiled, ${Math.round((Date.now() - started) / 1000)} s`), 20_000);
    const onData = (d: Buffer) => {
      const text = d.toString();
      output += text;
      packages += text.split('\n').filter((l) => l && !l.startsWith('go: ')).length;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 40 * 60_000);
    child.on('error', (e) => reject(buildFailed(label, e.message)));
    child.on('close', (code) => {
      clearInterval(heartbeat);
      clearTimeout(timer);
      if (code === 0) resolvePromise(output);
      else reject(buildFailed(label, output));
    });
  });
}

async function buildFabric(tc: Toolchain, log: Log): Promise<void> {
  const work = join(tc.binDir, '..', 'build');
  mkdirSync(work, { recursive: true });
  const pkgs = FABRIC_TOOLS.map((t) => `${FABRIC_MODULE}/cmd/${t}@${FABRIC_COMMIT}`);
  log(`[toolchain] go install ${FABRIC_MODULE}/cmd/{${FABRIC_TOOLS.join(',')}}@${FABRIC_COMMIT}`);
  await goStream(['install', '-v', '-trimpath', ...pkgs], { GOBIN: tc.binDir, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' }, work, log, 'fabric');
  const json = await goStream(['mod', 'download', '-json', `${FABRIC_MODULE}@${FABRIC_COMMIT}`], {}, work, log, 'fabric sampleconfig');
  const dir = (JSON.parse(json.slice(json.indexOf('{'))) as { Dir?: string }).Dir;
  if (!dir) throw buildFailed('fabric sampleconfig', json);
  for (const f of CONFIG_FILES) {
    copyFileSync(join(dir, 'sampleconfig', f), join(tc.configDir, f));
    chmodSync(join(tc.configDir, f), 0o644);
  }
}

async function buildFabricCa(tc: Toolchain, log: Log): Promise<void> {
  // `go install pkg@version` asks the proxy for the module's version list (deprecation check), which some proxies
  // refuse; building inside a throwaway module that requires the exact version needs only that version.
  const work = join(tc.binDir, '..', 'build', 'fabric-ca');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'go.mod'), 'module govchain.local/cabuild\n\ngo 1.26\n');
  writeFileSync(join(work, 'tools.go'), `//go:build tools\n\npackage tools\n\nimport (\n${CA_TOOLS.map((t) => `\t_ "${FABRIC_CA_MODULE}/cmd/${t}"`).join('\n')}\n)\n`);
  log(`[toolchain] go get ${FABRIC_CA_MODULE}@${FABRIC_CA_VERSION}`);
  await goStream(['get', ...CA_TOOLS.map((t) => `${FABRIC_CA_MODULE}/cmd/${t}@${FABRIC_CA_VERSION}`)], { GOFLAGS: '-mod=mod' }, work, log, 'fabric-ca deps');
  log('[toolchain] go install fabric-ca-server fabric-ca-client (cgo)');
  await goStream(['install', '-v', '-trimpath', ...CA_TOOLS.map((t) => `${FABRIC_CA_MODULE}/cmd/${t}`)], { GOBIN: tc.binDir, CGO_ENABLED: '1', GOFLAGS: '-mod=mod' }, work, log, 'fabric-ca');
}
