import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect as http2Connect } from 'node:http2';
import { connect as netConnect } from 'node:net';
import { join, resolve } from 'node:path';
import { chaincodeTls, departments, ordererOrg, paths, readState } from '@govchain/network';
import { topology } from '../support/network';
import { startGateway } from '../gateway/gateway-support';

const REPO = resolve(__dirname, '..', '..', '..');
const t = topology();

/** Every secret the native network holds: each CA's bootstrap secret and the subject-key secret. */
function secrets(): Array<{ name: string; value: string }> {
  return readdirSync(paths.secrets())
    .filter((f) => f.endsWith('.secret') || f === 'subject-key.hex')
    .map((f) => ({ name: f, value: readFileSync(join(paths.secrets(), f), 'utf8').trim() }))
    .filter((s) => s.value.length >= 16);
}

/** Command lines of every process on the machine (NUL-separated argv joined by spaces). */
function allCommandLines(): Array<{ pid: number; cmdline: string }> {
  const out: Array<{ pid: number; cmdline: string }> = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      out.push({ pid: Number(d), cmdline: readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Local addresses (hex, as in /proc/net/tcp) of the sockets listening on a port. */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const rows = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((f) => (existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n').slice(1) : []));
  return rows
    .map((r) => r.trim().split(/\s+/))
    .filter((c) => c[3] === '0A' && c[1]?.endsWith(`:${hexPort}`))
    .map((c) => c[1]!.split(':')[0]!);
}
const LOOPBACK4 = '0100007F';
const LOOPBACK6 = '00000000000000000000000001000000';

describe('secrets and listening addresses of the native network', () => {
  it('no process on the machine has a CA bootstrap secret or the subject-key secret on its command line', () => {
    const all = secrets();
    assert.ok(all.filter((s) => s.name.endsWith('-ca-admin.secret')).length === t.orgs.length, 'one bootstrap secret per CA');
    assert.equal(new Set(all.map((s) => s.value)).size, all.length, 'no two CAs share a secret');
    const cas = (readState()?.processes ?? []).filter((p) => p.kind === 'ca');
    assert.equal(cas.length, t.orgs.length);
    for (const ca of cas) {
      assert.doesNotMatch(readFileSync(`/proc/${ca.pid}/cmdline`, 'utf8'), /\0-b\0|admin:/, `${ca.name} has no -b user:secret`);
      // The secret is used once, by `fabric-ca-server init`; the running server does not even hold it in its environment.
      const environ = readFileSync(`/proc/${ca.pid}/environ`, 'utf8');
      assert.ok(!environ.includes('FABRIC_CA_SERVER_BOOT') && all.every((s) => !environ.includes(s.value)), `${ca.name}'s environment holds no secret`);
    }
    for (const { pid, cmdline } of allCommandLines()) {
      for (const s of all) assert.ok(!cmdline.includes(s.value), `pid ${pid} has ${s.name} on its command line`);
    }
  });

  it('fabric-ca-client runs (operator:add --gateway-held-key) carry no secret on their command lines', async () => {
    const seen: string[] = [];
    const child = spawn(process.execPath, [join(REPO, 'network', 'dist', 'cli.js'), 'operator:add', '--org', 'PublicSecurity', '--operator', `sec-${randomBytes(3).toString('hex')}`, '--role', 'clerk', '--gateway-held-key'], { stdio: 'ignore' });
    const exited = new Promise<number>((r) => child.once('exit', (code) => r(code ?? 1)));
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      for (const p of allCommandLines()) if (p.cmdline.includes('fabric-ca-client') && !seen.includes(p.cmdline)) seen.push(p.cmdline);
      await new Promise((r) => setTimeout(r, 2));
    }
    assert.equal(await exited, 0);
    assert.ok(seen.length >= 1, 'the probe saw fabric-ca-client running');
    for (const cmd of seen) {
      assert.doesNotMatch(cmd, /--id\.secret|https:\/\/[^@\s]+:[^@\s]+@| -u /, cmd);
      for (const s of secrets()) assert.ok(!cmd.includes(s.value), `${s.name} on a fabric-ca-client command line`);
    }
  });

  it('operator:add with a client-held key registers over the CA REST API: no child process, the one-time secret only in its 0600 ticket', async () => {
    const ticketFile = join(mkdtempSync(join(tmpdir(), 'sec-ticket-')), 'ticket.json');
    const seen: string[] = [];
    const child = spawn(process.execPath, [join(REPO, 'network', 'dist', 'cli.js'), 'operator:add', '--org', 'PublicSecurity', '--operator', `sec-${randomBytes(3).toString('hex')}`, '--role', 'clerk', '--secret-file', ticketFile], { stdio: 'ignore' });
    const exited = new Promise<number>((r) => child.once('exit', (code) => r(code ?? 1)));
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      for (const p of allCommandLines()) if (!seen.includes(p.cmdline)) seen.push(p.cmdline);
      await new Promise((r) => setTimeout(r, 2));
    }
    assert.equal(await exited, 0);
    assert.equal(statSync(ticketFile).mode & 0o777, 0o600);
    const { secret } = JSON.parse(readFileSync(ticketFile, 'utf8')) as { secret: string };
    assert.ok(secret.length >= 16);
    assert.ok(!seen.some((c) => c.includes('fabric-ca-client')), 'no fabric-ca-client process');
    assert.ok(!seen.some((c) => c.includes(secret)), 'the secret is on no command line');
  });

  it('secret files are 0600 in a 0700 directory, CA homes are 0700 with a 0600 config, and no log holds a secret', () => {
    assert.equal(statSync(paths.secrets()).mode & 0o777, 0o700);
    const secretFiles = readdirSync(paths.secrets()).filter((f) => !f.includes('public'));
    assert.ok(secretFiles.length > t.orgs.length);
    for (const f of secretFiles) assert.equal(statSync(join(paths.secrets(), f)).mode & 0o077, 0, `${f} is readable by others`);
    for (const org of t.orgs) {
      assert.equal(statSync(paths.caHome(org.name)).mode & 0o777, 0o700, `${org.name} CA home`);
      assert.equal(statSync(join(paths.caHome(org.name), 'fabric-ca-server-config.yaml')).mode & 0o777, 0o600, `${org.name} CA config`);
    }
    assert.equal(statSync(chaincodeTls.key()).mode & 0o777, 0o600, 'chaincode server TLS key');
    const all = secrets();
    for (const log of readdirSync(paths.logs())) {
      const text = readFileSync(join(paths.logs(), log), 'utf8');
      for (const s of all) assert.ok(!text.includes(s.value), `${log} contains ${s.name}`);
    }
  });

  it('operations and admin endpoints (CAs, peers, orderers, a gateway) listen on loopback only', async () => {
    const ports: Array<[string, number]> = [];
    for (const org of t.orgs) ports.push([`ca.${org.name} operations`, org.ca.opsPort]);
    for (const org of departments(t)) for (const p of org.peers) ports.push([`${p.name}.${org.name} operations`, p.opsPort]);
    for (const o of ordererOrg(t).orderers) ports.push([`${o.name} operations`, o.opsPort], [`${o.name} admin`, o.adminPort]);
    const gw = await startGateway('GovServiceCenter');
    try {
      ports.push(['gateway operations', Number(new URL(gw.opsUrl).port)]);
      for (const [what, port] of ports) {
        const addrs = listeners(port);
        assert.ok(addrs.length > 0, `${what} (port ${port}) is listening`);
        for (const a of addrs) assert.ok(a === LOOPBACK4 || a === LOOPBACK6, `${what} (port ${port}) listens on ${a}, not loopback`);
      }
    } finally {
      await gw.stop();
    }
  });
});

describe('chaincode service: mutual TLS with the peers', () => {
  const address = { host: t.host, port: t.chaincode.serverPort };
  const peerDir = () => {
    const org = departments(t)[1]!;
    return join(paths.node(org.name, org.peers[0]!.name), 'tls');
  };

  /** Opens the chaincode service's Connect stream; resolves whether the server sent a message and the gRPC status. */
  const connectStream = (identity: { cert?: Buffer; key?: Buffer }) =>
    new Promise<{ data: boolean; status?: string }>((resolvePromise) => {
      const s = http2Connect(`https://${address.host}:${address.port}`, { ca: readFileSync(chaincodeTls.ca()), ...identity });
      let data = false;
      const finish = (status?: string) => {
        s.destroy();
        resolvePromise({ data, ...(status !== undefined ? { status } : {}) });
      };
      s.on('error', (e) => finish(`session error: ${e.message}`));
      const req = s.request({ ':method': 'POST', ':path': '/protos.Chaincode/Connect', 'content-type': 'application/grpc', te: 'trailers' });
      req.on('data', () => {
        data = true;
        finish();
      });
      req.on('trailers', (h) => finish(String(h['grpc-status'])));
      req.on('response', (h) => h['grpc-status'] !== undefined && finish(String(h['grpc-status'])));
      req.on('error', (e) => finish(`stream error: ${e.message}`));
      setTimeout(() => finish('timeout'), 5000);
    });

  it('the package requires TLS and client authentication, pins the server CA and carries no key', () => {
    const conn = JSON.parse(readFileSync(join(paths.chaincodeDir(), 'src', 'connection.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(conn.tls_required, true);
    assert.equal(conn.client_auth_required, true);
    assert.equal(conn.root_cert, readFileSync(chaincodeTls.ca(), 'utf8'));
    assert.equal(conn.client_key, undefined);
  });

  it("each peer dials with its own TLS identity, from a 0600 release file", () => {
    for (const org of departments(t)) {
      const builds = join(paths.node(org.name, org.peers[0]!.name), 'data', 'externalbuilder', 'builds');
      const files = readdirSync(builds).map((b) => join(builds, b, 'release', 'chaincode', 'server', 'connection.json')).filter((f) => existsSync(f));
      assert.ok(files.length >= 1, `${org.name} has a released connection.json`);
      for (const f of files) {
        const conn = JSON.parse(readFileSync(f, 'utf8')) as Record<string, string>;
        assert.equal(conn.client_cert, readFileSync(join(paths.node(org.name, org.peers[0]!.name), 'tls', 'server.crt'), 'utf8'), `${org.name} presents its peer's certificate`);
        assert.equal(statSync(f).mode & 0o077, 0, `${f} is private`);
      }
    }
  });

  it('refuses a plaintext client, a TLS client without a certificate, and one whose certificate is from another CA; accepts a peer', async () => {
    const plain = await new Promise<string>((r) => {
      const s = netConnect(address, () => s.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'));
      s.on('data', (d: Buffer) => r(`data: ${d.length} bytes, first ${d[0]}`));
      s.on('close', () => r('closed'));
      s.on('error', () => r('closed'));
      s.setTimeout(3000, () => r('timeout'));
    });
    assert.ok(!plain.startsWith('data') || /first 21/.test(plain), `plaintext HTTP/2 got an HTTP/2 answer: ${plain}`); // 21 = TLS alert record
    const refused = (r: { data: boolean; status?: string }, what: string) => {
      assert.equal(r.data, false, `${what}: the chaincode answered`);
      assert.match(r.status ?? '', /error|timeout/, `${what}: ${r.status}`);
    };
    refused(await connectStream({}), 'no client certificate');
    const foreignDir = join(paths.root(), 'tmp-foreign-cert');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkdir', ['-p', foreignDir]);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(foreignDir, 'k.pem'), '-out', join(foreignDir, 'c.pem'), '-subj', '/CN=peer0.attacker', '-days', '1'], { stdio: 'ignore' });
    refused(await connectStream({ cert: readFileSync(join(foreignDir, 'c.pem')), key: readFileSync(join(foreignDir, 'k.pem')) }), 'a certificate from another CA');
    assert.equal((await connectStream({ cert: readFileSync(join(peerDir(), 'server.crt')), key: readFileSync(join(peerDir(), 'server.key')) })).data, true, 'a department peer');
  });

  it("only a peer's certificate may drive the chaincode: an operator's enrolment key from the same CA is refused (PERMISSION_DENIED)", async () => {
    const peer = await connectStream({ cert: readFileSync(join(peerDir(), 'server.crt')), key: readFileSync(join(peerDir(), 'server.key')) });
    assert.equal(peer.data, true, `a peer gets the chaincode's REGISTER message (${peer.status})`);
    const org = departments(t)[1]!;
    const msp = join(paths.user(org.name, 'clerk1'), 'msp');
    const first = (d: string) => join(msp, d, readdirSync(join(msp, d))[0]!);
    const operator = await connectStream({ cert: readFileSync(first('signcerts')), key: readFileSync(first('keystore')) });
    assert.equal(operator.data, false);
    assert.ok(operator.status === '7' || /error/.test(operator.status ?? ''), `refused with PERMISSION_DENIED or at the TLS layer (${operator.status})`);
  });

  it('the chaincode server process was given TLS flags and holds no secret in its arguments', () => {
    const cc = (readState()?.processes ?? []).find((p) => p.kind === 'chaincode');
    assert.ok(cc);
    const cmdline = readFileSync(`/proc/${cc.pid}/cmdline`, 'utf8');
    for (const flag of ['--chaincode-tls-cert-file=', '--chaincode-tls-key-file=', '--chaincode-tls-client-cacert-file=']) assert.ok(cmdline.includes(flag), flag);
    assert.ok(readlinkSync(`/proc/${cc.pid}/exe`).length > 0);
  });
});
