import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { caSecretName, composeFile, dockerDir, writeCompose } from './compose';
import { nodeHost } from './paths';
import { departments, loadTopology, ordererOrg } from './topology';

interface Service { image: string; command?: string; secrets?: string[]; ports?: string[]; volumes?: string[]; environment?: Record<string, string> }
interface ComposeDoc { services: Record<string, Service>; secrets: Record<string, { file: string }> }

const dockerCompose = (args: string[], cwd: string) =>
  execFileSync('docker-compose', args, {
    cwd,
    env: { ...process.env, CHAINCODE_PACKAGE_ID: 'x', COUCHDB_PASSWORD: 'x' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();

describe('docker-compose deployment', () => {
  const t = loadTopology();

  it('is committed up to date with the topology (npm run network:compose regenerates it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    for (const file of writeCompose(t, dir)) {
      const name = file.slice(dir.length + 1);
      assert.equal(readFileSync(join(dockerDir(), name), 'utf8'), readFileSync(file, 'utf8'), `network/docker/${name} is stale`);
    }
  });

  it('has the same orgs, MSP ids, ports and channel as the native topology', () => {
    const doc = composeFile(t) as { services: Record<string, Service>; 'x-govchain': { channel: string } };
    assert.equal(doc['x-govchain'].channel, t.channel);
    for (const org of departments(t)) {
      for (const p of org.peers) {
        const svc = doc.services[nodeHost(p.name, org.name, t.domain)];
        assert.ok(svc, `peer service for ${org.name}`);
        assert.equal(svc.image, `hyperledger/fabric-peer:${t.fabricVersion}`);
        assert.equal(svc.environment?.CORE_PEER_LOCALMSPID, org.mspId);
        assert.ok(svc.ports?.includes(`${p.port}:${p.port}`));
      }
    }
    const oo = ordererOrg(t);
    for (const o of oo.orderers) {
      const svc = doc.services[nodeHost(o.name, oo.name, t.domain)];
      assert.equal(svc?.environment?.ORDERER_GENERAL_LOCALMSPID, oo.mspId);
      assert.ok(svc?.ports?.includes(`${o.port}:${o.port}`));
    }
    for (const org of t.orgs) assert.ok(doc.services[nodeHost('ca', org.name, t.domain)]?.ports?.includes(`${org.ca.port}:${org.ca.port}`));
  });

  it('gives every CA its own bootstrap secret, from a file, never on a command line or in the environment', () => {
    const doc = composeFile(t) as unknown as ComposeDoc;
    const names = new Set<string>();
    for (const org of t.orgs) {
      const ca = doc.services[nodeHost('ca', org.name, t.domain)]!;
      const name = caSecretName(org);
      assert.deepEqual(ca.secrets, [name], `${org.name}'s CA mounts exactly its own secret`);
      assert.ok(doc.secrets[name]?.file, `secret ${name} comes from a file`);
      assert.match(ca.command ?? '', new RegExp(`FABRIC_CA_SERVER_BOOT="admin:\\$\\$\\(cat /run/secrets/${name}\\)" fabric-ca-server init .* >/dev/null 2>&1 `));
      assert.match(ca.command ?? '', /; exec fabric-ca-server start --port /, 'start runs without the secret (its settings dump would print it)');
      assert.doesNotMatch(ca.command ?? '', / -b |CA_ADMIN_SECRET/);
      names.add(name);
    }
    assert.equal(names.size, t.orgs.length, 'no two CAs share a secret');
    const text = JSON.stringify(doc);
    assert.doesNotMatch(text, /CA_ADMIN_SECRET|\$\{GOVCHAIN_SUBJECT_KEY_SECRET/, 'no shared or interpolated secret');
  });

  it('runs the chaincode service with mutual TLS: server certificate, client CAs, and each peer presenting its own TLS identity', () => {
    const doc = composeFile(t) as unknown as ComposeDoc;
    const cc = doc.services[`chaincode.${t.domain}`]!;
    for (const flag of ['--chaincode-tls-cert-file=', '--chaincode-tls-key-file=', '--chaincode-tls-client-cacert-file=']) assert.ok(cc.command?.includes(flag), flag);
    assert.deepEqual(cc.environment, { GOVCHAIN_CCAAS_PEER_GUARD: '1' }, 'the subject-key secret is not an environment value of the service');
    assert.match(cc.command ?? '', /node --require \/opt\/govchain\/ccaas-peer-guard\.js /);
    assert.deepEqual(cc.secrets, ['subject-key']);
    for (const org of departments(t)) {
      const peer = doc.services[nodeHost(org.peers[0]!.name, org.name, t.domain)]!;
      const builders = JSON.parse(peer.environment?.CORE_CHAINCODE_EXTERNALBUILDERS ?? '[]') as Array<{ path: string; propagateEnvironment: string[] }>;
      assert.deepEqual(builders[0]?.propagateEnvironment, ['HOME', 'GOVCHAIN_CCAAS_CLIENT_CERT', 'GOVCHAIN_CCAAS_CLIENT_KEY', 'GOVCHAIN_CCAAS_ROOT_CERT']);
      assert.match(peer.environment?.GOVCHAIN_CCAAS_CLIENT_KEY ?? '', new RegExp(`/organizations/${org.name}/nodes/${org.peers[0]!.name}/tls/server.key$`));
      assert.ok(peer.ports?.includes(`127.0.0.1:${org.peers[0]!.opsPort}:${org.peers[0]!.opsPort}`), 'operations published on loopback only');
    }
    const connection = JSON.parse(readFileSync(join(dockerDir(), 'chaincode-package', 'connection.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(connection.tls_required, true);
    assert.equal(connection.client_auth_required, true);
    assert.equal(connection.client_key, undefined, 'the package carries no private key');
  });

  it('parses with docker-compose config -q, alone and with the CouchDB override', () => {
    let version: string;
    try {
      version = dockerCompose(['version', '--short'], dockerDir());
    } catch {
      assert.fail('docker-compose is not installed: apt-get install docker-compose (Debian package), then rerun');
    }
    assert.match(version, /\d+\.\d+/);
    dockerCompose(['-f', 'docker-compose.yaml', 'config', '-q'], dockerDir());
    dockerCompose(['-f', 'docker-compose.yaml', '-f', 'docker-compose.couchdb.yaml', 'config', '-q'], dockerDir());
    const merged = parse(dockerCompose(['-f', 'docker-compose.yaml', '-f', 'docker-compose.couchdb.yaml', 'config'], dockerDir())) as { services: Record<string, Service> };
    const anyPeer = departments(t)[0]!;
    assert.equal(merged.services[nodeHost(anyPeer.peers[0]!.name, anyPeer.name, t.domain)]?.environment?.CORE_LEDGER_STATE_STATEDATABASE, 'CouchDB');
  });
});
