#!/usr/bin/env node
// Images for the compose deployment on a host that cannot pull: local stand-ins with the layout of the real ones
// (hyperledger/fabric-peer, fabric-orderer, fabric-ca: binaries in /usr/local/bin, FABRIC_CFG_PATH=/etc/hyperledger/
// fabric with the sample config), built from the cached Fabric toolchain on a Debian root filesystem made by
// debootstrap, and the chaincode image from chaincode/Dockerfile. Every image is built without running a container.
//   node scripts/compose/images.mjs stand-ins          build what is missing, print the environment to use them
//   node scripts/compose/images.mjs chaincode-context <dir>   assemble the chaincode image's build context
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { podman } from './podman.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const topology = JSON.parse(readFileSync(resolve(root, 'network', 'topology.json'), 'utf8'));
const fabricBin = resolve(process.env.GOVCHAIN_FABRIC_BIN ?? join(homedir(), '.cache', 'govchain', `fabric-${topology.fabricVersion}`, 'bin'));
const fabricConfig = resolve(fabricBin, '..', 'config');
const cacheDir = join(homedir(), '.cache', 'govchain', 'images');
const ROOTFS = join(cacheDir, 'rootfs-bookworm');

/** The prefix of the stand-in Fabric images, and the environment that makes the compose file use them. */
export const STAND_IN_PREFIX = 'localhost/govchain-stand-in';
export const standInEnv = () => ({
  GOVCHAIN_FABRIC_IMAGES: STAND_IN_PREFIX,
  GOVCHAIN_CHAINCODE_IMAGE: `localhost/govchain/chaincode:${topology.chaincode.version}`,
});
const BASE = `${STAND_IN_PREFIX}/base:bookworm`;
const NODE = `${STAND_IN_PREFIX}/node:20`;

const exists = (image) => spawnSync('podman', ['image', 'exists', image], { env: { ...process.env, CONTAINERS_CONF: resolve(root, 'network/podman/containers.conf') } }).status === 0;

/** Builds one image from a Containerfile text and a context directory filled by `fill`. */
function build(tag, containerfile, fill, log) {
  if (exists(tag)) return;
  const ctx = mkdtempSync(join(tmpdir(), 'govchain-image-'));
  try {
    fill(ctx);
    writeFileSync(join(ctx, 'Containerfile'), containerfile);
    const started = Date.now();
    podman(['build', '--quiet', '-t', tag, '-f', join(ctx, 'Containerfile'), ctx]);
    log(`[images] built ${tag} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** The Debian root filesystem every stand-in starts from (debootstrap --variant=minbase, cached). */
function base(log) {
  if (exists(BASE)) return;
  if (!existsSync(join(ROOTFS, 'bin', 'bash'))) {
    log(`[images] debootstrap bookworm into ${ROOTFS} (a few minutes, once)`);
    mkdirSync(cacheDir, { recursive: true });
    const r = spawnSync('debootstrap', ['--variant=minbase', 'bookworm', ROOTFS, 'http://deb.debian.org/debian'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 1_200_000 });
    if (r.status !== 0) throw new Error('debootstrap failed: apt-get install debootstrap (as root) and check access to deb.debian.org');
  }
  const tar = spawnSync('tar', ['-C', ROOTFS, '--exclude=./proc/*', '--exclude=./sys/*', '--exclude=./dev/*', '-c', '.'], { maxBuffer: 1 << 30 });
  if (tar.status !== 0) throw new Error(`tar of ${ROOTFS} failed`);
  podman(['import', '-', BASE], { input: tar.stdout });
  log(`[images] imported ${BASE}`);
}

/** Copies the chaincode, its production dependencies and the peer guard into a build context for chaincode/Dockerfile. */
export function chaincodeContext(dir) {
  const ls = spawnSync('npm', ['ls', '-w', '@govchain/chaincode', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 });
  const deps = ls.stdout.split('\n').filter((p) => p.includes(`${root}/node_modules/`));
  if (deps.length === 0) throw new Error('npm ls found no chaincode dependencies: run npm install first');
  const cc = join(dir, 'chaincode');
  cpSync(join(root, 'chaincode', 'dist'), join(cc, 'dist'), { recursive: true, filter: (p) => !/\.test\.js$|\.map$/.test(p) });
  cpSync(join(root, 'chaincode', 'package.json'), join(cc, 'package.json'));
  for (const d of deps) cpSync(d, join(cc, relative(root, d)), { recursive: true, dereference: true });
  cpSync(join(root, 'network', 'dist', 'ccaas-peer-guard.js'), join(dir, 'ccaas-peer-guard.js'));
}

/** Builds every stand-in image that is missing. */
export function buildStandIns(log = console.log) {
  base(log);
  const fabricLayout = (bins) => (ctx) => {
    mkdirSync(join(ctx, 'bin'));
    for (const b of bins) cpSync(join(fabricBin, b), join(ctx, 'bin', b));
    cpSync(fabricConfig, join(ctx, 'config'), { recursive: true });
  };
  const fabric = (cmd, env) => `FROM ${BASE}\nCOPY bin/ /usr/local/bin/\nCOPY config/ /etc/hyperledger/fabric/\nENV ${env}\nCMD ${JSON.stringify(cmd)}\n`;
  build(`${STAND_IN_PREFIX}/fabric-peer:${topology.fabricVersion}`, fabric(['peer', 'node', 'start'], 'FABRIC_CFG_PATH=/etc/hyperledger/fabric'), fabricLayout(['peer']), log);
  build(`${STAND_IN_PREFIX}/fabric-orderer:${topology.fabricVersion}`, fabric(['orderer'], 'FABRIC_CFG_PATH=/etc/hyperledger/fabric'), fabricLayout(['orderer']), log);
  build(`${STAND_IN_PREFIX}/fabric-ca:${topology.caVersion}`, fabric(['fabric-ca-server', 'start'], 'FABRIC_CA_HOME=/etc/hyperledger/fabric-ca-server'), fabricLayout(['fabric-ca-server', 'fabric-ca-client']), log);
  build(NODE, `FROM ${BASE}\nCOPY node /usr/local/bin/node\nCMD ["node"]\n`, (ctx) => cpSync(process.execPath, join(ctx, 'node')), log);
  // Rebuilt every time (seconds; unchanged layers are reused): the chaincode changes far more often than Fabric.
  const cc = standInEnv().GOVCHAIN_CHAINCODE_IMAGE;
  {
    const ctx = mkdtempSync(join(tmpdir(), 'govchain-chaincode-'));
    try {
      chaincodeContext(ctx);
      const before = exists(cc) ? podman(['image', 'inspect', '--format', '{{.Id}}', cc]).trim() : '';
      const after = podman(['build', '--quiet', '--build-arg', `NODE_IMAGE=${NODE}`, '-t', cc, '-f', join(root, 'chaincode', 'Dockerfile'), ctx]).trim();
      // The image the tag left: nothing else uses it, so it does not pile up.
      if (before && !after.startsWith(before) && !before.startsWith(after)) spawnSync('podman', ['rmi', before], { stdio: 'ignore' });
      log(`[images] built ${cc} from chaincode/Dockerfile`);
    } finally {
      rmSync(ctx, { recursive: true, force: true });
    }
  }
  return standInEnv();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === 'stand-ins') console.log(JSON.stringify(buildStandIns()));
  else if (cmd === 'chaincode-context' && arg) chaincodeContext(resolve(arg));
  else {
    console.error('usage: images.mjs stand-ins | chaincode-context <dir>');
    process.exit(2);
  }
}
