import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { composeFile, dockerDir, writeCompose } from './compose';
import { nodeHost } from './paths';
import { departments, loadTopology, ordererOrg } from './topology';

interface Service { image: string; ports?: string[]; environment?: Record<string, string> }

const dockerCompose = (args: string[], cwd: string) =>
  execFileSync('docker-compose', args, {
    cwd,
    env: { ...process.env, CA_ADMIN_SECRET: 'x', CHAINCODE_PACKAGE_ID: 'x', GOVCHAIN_SUBJECT_KEY_SECRET: 'x', COUCHDB_PASSWORD: 'x' },
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
