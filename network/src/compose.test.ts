import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caSecretName, composeFile, composeText, images } from './compose';
import { CHAINCODE_NODE, containerAddress, nodeRefs } from './placement';
import { departments, loadTopology } from './topology';

interface Service {
  image: string;
  command?: string | string[];
  secrets?: string[];
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  networks: { govchain: { ipv4_address: string } };
}
interface ComposeDoc { services: Record<string, Service>; secrets: Record<string, { file: string }> }

describe('docker-compose deployment (compose driver)', () => {
  const t = loadTopology();
  const doc = composeFile(t) as unknown as ComposeDoc;

  it('has one service per node of the catalogue, each on its own fixed address of the topology subnet, none published on the host', () => {
    const refs = nodeRefs(t);
    assert.deepEqual(Object.keys(doc.services).sort(), refs.map((n) => n.name).sort());
    const addresses = new Set<string>();
    refs.forEach((n, i) => {
      const svc = doc.services[n.name]!;
      assert.equal(svc.networks.govchain.ipv4_address, containerAddress(t, i));
      assert.ok(svc.networks.govchain.ipv4_address.startsWith(t.containers.subnet.replace(/0\/24$/, '')), `${n.name} on ${t.containers.subnet}`);
      assert.equal(svc.ports, undefined, `${n.name} publishes no host port`);
      addresses.add(svc.networks.govchain.ipv4_address);
    });
    assert.equal(addresses.size, refs.length, 'no two containers share an address');
  });

  it('keeps the real image names, with the registry prefix from GOVCHAIN_FABRIC_IMAGES', () => {
    const peer = departments(t)[0]!;
    const svc = doc.services[`${peer.peers[0]!.name}.${peer.name.toLowerCase()}.${t.domain}`]!;
    assert.equal(svc.image, `\${GOVCHAIN_FABRIC_IMAGES:-hyperledger}/fabric-peer:${t.fabricVersion}`);
    assert.match(images(t).orderer, /\/fabric-orderer:/);
    assert.match(images(t).ca, new RegExp(`/fabric-ca:${t.caVersion}$`));
  });

  it('keeps every ledger in its node directory of the data directory (kept by stop, removed by down) and mounts org directories read-only', () => {
    for (const n of nodeRefs(t).filter((r) => r.kind === 'peer' || r.kind === 'orderer')) {
      const short = n.name.split('.')[0]!;
      const mounts = doc.services[n.name]!.volumes ?? [];
      assert.ok(mounts.includes(`./orgs/${n.org}/nodes/${short}/data:/var/hyperledger/production`), `${n.name} ledger: ${mounts.join(' ')}`);
      assert.ok(mounts.includes(`./orgs/${n.org}:/organizations/${n.org}:ro`), `${n.name} sees only its own org, read-only`);
    }
    assert.equal((doc as { volumes?: object }).volumes, undefined, 'no named volume to leave behind');
  });

  it('gives every CA its own bootstrap secret, from a file, never on a command line or in the environment', () => {
    const names = new Set<string>();
    for (const org of t.orgs) {
      const ca = doc.services[`ca.${org.name}`]!;
      const name = caSecretName(org);
      assert.deepEqual(ca.secrets, [name], `${org.name}'s CA mounts exactly its own secret`);
      assert.ok(doc.secrets[name]?.file, `secret ${name} comes from a file`);
      assert.match(String(ca.command), new RegExp(`FABRIC_CA_SERVER_BOOT="admin:\\$\\$\\(cat /run/secrets/${name}\\)" fabric-ca-server init .* >/dev/null 2>&1 `));
      assert.match(String(ca.command), /; exec fabric-ca-server start /, 'start runs without the secret (its settings dump would print it)');
      assert.doesNotMatch(String(ca.command), / -b |CA_ADMIN_SECRET/);
      names.add(name);
    }
    assert.equal(names.size, t.orgs.length, 'no two CAs share a secret');
  });

  it('runs the chaincode service with mutual TLS and the subject-key secret from a file, not the environment', () => {
    const cc = doc.services[CHAINCODE_NODE]!;
    const command = String(cc.command);
    for (const flag of ['--chaincode-tls-cert-file=', '--chaincode-tls-key-file=', '--chaincode-tls-client-cacert-file=']) assert.ok(command.includes(flag), flag);
    assert.deepEqual(cc.secrets, ['subject-key']);
    assert.equal(cc.environment?.GOVCHAIN_SUBJECT_KEY_SECRET, undefined, 'the secret is not an environment value of the service');
    assert.doesNotMatch(JSON.stringify(doc), /[0-9a-f]{64}/, 'no secret value in the compose file');
    for (const org of departments(t)) {
      const peer = doc.services[`${org.peers[0]!.name}.${org.name.toLowerCase()}.${t.domain}`]!;
      assert.match(peer.environment?.GOVCHAIN_CCAAS_CLIENT_KEY ?? '', new RegExp(`/organizations/${org.name}/nodes/${org.peers[0]!.name}/tls/server.key$`));
    }
  });

  it('parses with docker-compose config -q, as the driver writes it', () => {
    let version: string;
    try {
      version = execFileSync('docker-compose', ['version', '--short']).toString();
    } catch {
      assert.fail('docker-compose is not installed: apt-get install docker-compose (Debian package), then rerun');
    }
    assert.match(version, /\d+\.\d+/);
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    writeFileSync(join(dir, 'docker-compose.yaml'), composeText(t));
    execFileSync('docker-compose', ['-f', 'docker-compose.yaml', 'config', '-q'], { cwd: dir, env: { ...process.env, CHAINCODE_PACKAGE_ID: 'x' }, stdio: ['ignore', 'pipe', 'pipe'] });
  });
});
