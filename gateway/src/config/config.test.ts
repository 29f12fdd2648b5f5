import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionProfile, OrgProfile } from '@govchain/connection';
import { ConfigError } from './config-error';
import { loadConfig as loadConfigFrom } from './config';

const PORTS: Record<string, number> = { PublicSecurity: 3101, NaturalResources: 3102, GovServiceCenter: 3103 };
const org = (name: string): OrgProfile => ({
  name,
  mspId: `${name}MSP`,
  peerEndpoint: `127.0.0.1:${PORTS[name]! + 4000}`,
  peerHostAlias: `peer0.${name.toLowerCase()}.gov.local`,
  tlsRootCertPath: '/nonexistent/tls.pem',
  caUrl: 'https://127.0.0.1:7054',
  caName: `ca-${name.toLowerCase()}`,
  caTlsCertPath: '/nonexistent/ca-tls.pem',
  caCertPath: '/nonexistent/ca.pem',
  gatewayPort: PORTS[name]!,
  governs: name === 'GovServiceCenter',
  registers: [],
  usersDir: '/nonexistent/users',
  operators: [],
});
/** The connection profile the gateway is configured with: written here, as the network launcher would write it. */
const profile: ConnectionProfile = {
  channel: 'govchannel',
  chaincode: 'govchain',
  endorsementPolicy: "OutOf(2, 'PublicSecurityMSP.peer', 'NaturalResourcesMSP.peer', 'GovServiceCenterMSP.peer')",
  createdAt: '2026-01-01T00:00:00.000Z',
  orgs: Object.keys(PORTS).map(org),
  trustAnchors: [],
};
const profileDir = mkdtempSync(join(tmpdir(), 'gw-profile-'));
const PROFILE = join(profileDir, 'connection-profile.json');
writeFileSync(PROFILE, JSON.stringify(profile));
const gatewayPort = (name: string): number => PORTS[name]!;

/** loadConfig with the profile above, unless the env names another. */
const loadConfig = (env: NodeJS.ProcessEnv, argv: string[] = []) => loadConfigFrom({ GOVCHAIN_CONNECTION_PROFILE: PROFILE, ...env }, argv);

function problems(env: NodeJS.ProcessEnv, argv: string[] = []): string[] {
  try {
    loadConfig(env, argv);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.key, 'CONFIG_INVALID');
    return err.details;
  }
  assert.fail('config was accepted');
}

test('defaults: host 127.0.0.1, port from the connection profile, ES256, dev keys beside the profile', () => {
  const c = loadConfig({ GOVCHAIN_GATEWAY_ORG: 'GovServiceCenter' }, []);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, gatewayPort('GovServiceCenter'));
  assert.deepEqual(c.jwtAlgorithms, ['ES256']);
  assert.equal(c.jwtKeys.kind, 'dev');
  assert.equal(c.department.mspId, 'GovServiceCenterMSP');
  assert.deepEqual(c.jwtKeys, { kind: 'dev', publicKeyPath: join(profileDir, 'secrets', 'jwt-dev-public.pem'), privateKeyPath: join(profileDir, 'secrets', 'jwt-dev-private.pem') });
  assert.equal(c.profile.channel, 'govchannel');
});

test('the connection profile is required, must exist and must carry what the gateway needs', () => {
  assert.match(problems({ GOVCHAIN_CONNECTION_PROFILE: '', GOVCHAIN_GATEWAY_ORG: 'PublicSecurity' }).join('\n'), /connection profile is required/);
  assert.match(problems({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity' }, ['--connection-profile', join(profileDir, 'none.json')]).join('\n'), /no connection profile at/);
  const old = join(profileDir, 'old.json');
  const { endorsementPolicy: _p, trustAnchors: _t, ...older } = profile;
  writeFileSync(old, JSON.stringify(older));
  assert.match(problems({ GOVCHAIN_CONNECTION_PROFILE: old, GOVCHAIN_GATEWAY_ORG: 'PublicSecurity' }).join('\n'), /lacks endorsementPolicy, trustAnchors/);
});

test('a connection profile with a field of the wrong type or missing inside an org is a config error naming the field, never a crash or a port from nowhere', () => {
  const write = (name: string, p: unknown): string => {
    const file = join(profileDir, `${name}.json`);
    writeFileSync(file, JSON.stringify(p));
    return file;
  };
  const withOrg = (patch: Record<string, unknown>, drop: string[] = []) => {
    const first = { ...profile.orgs[0]!, ...patch } as Record<string, unknown>;
    for (const d of drop) delete first[d];
    return { ...profile, orgs: [first, ...profile.orgs.slice(1)] };
  };
  const lines = (file: string, org = 'PublicSecurity') => problems({ GOVCHAIN_CONNECTION_PROFILE: file, GOVCHAIN_GATEWAY_ORG: org }).join('\n');
  // Before the check, a missing gatewayPort gave a gateway on an undefined port and a missing `registers` a TypeError at start.
  assert.match(lines(write('no-port', withOrg({}, ['gatewayPort']))), /orgs\.0\.gatewayPort: /);
  assert.match(lines(write('port-string', withOrg({ gatewayPort: '3101' }))), /orgs\.0\.gatewayPort: /);
  assert.match(lines(write('no-registers', withOrg({}, ['registers']))), /orgs\.0\.registers: /);
  assert.match(lines(write('bad-register', withOrg({ registers: ['identity', 'weather'] }))), /orgs\.0\.registers\.1: /);
  assert.match(lines(write('plain-ca', withOrg({ caUrl: 'http://127.0.0.1:7054' }))), /orgs\.0\.caUrl: /);
  assert.match(lines(write('anchor', { ...profile, trustAnchors: [{ mspId: 'PublicSecurityMSP' }] })), /trustAnchors\.0\.caCertPath: /);
  assert.match(lines(write('not-object', [1, 2])), /is not a JSON object/);
  const twoRegistrars = { ...profile, orgs: profile.orgs.map((o) => ({ ...o, registers: ['identity'] })) };
  assert.match(lines(write('two-registrars', twoRegistrars)), /record type identity has more than one registrar/);
  assert.match(lines(write('policy', { ...profile, endorsementPolicy: 'AnyOf(everyone)' })), /endorsementPolicy: /);
  assert.match(lines(write('dup', { ...profile, orgs: [...profile.orgs, profile.orgs[0]] })), /name PublicSecurity appears more than once/);
});

test('flags override env; the MSP id also names an org', () => {
  const c = loadConfig({ GOVCHAIN_GATEWAY_ORG: 'GovServiceCenter', GOVCHAIN_GATEWAY_PORT: '4000' }, ['--org', 'PublicSecurityMSP', '--port=4100']);
  assert.equal(c.department.name, 'PublicSecurity');
  assert.equal(c.port, 4100);
});

test('each bad value gets its own clear line', () => {
  const lines = problems({
    GOVCHAIN_GATEWAY_ORG: 'Orderer',
    GOVCHAIN_GATEWAY_PORT: 'abc',
    GOVCHAIN_JWT_ALGORITHMS: 'none',
    GOVCHAIN_CORS_ORIGINS: 'not a url',
    GOVCHAIN_BODY_LIMIT: 'huge',
  });
  assert.ok(lines.some((l) => l.startsWith('GOVCHAIN_GATEWAY_PORT (--port)')), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('GOVCHAIN_JWT_ALGORITHMS')), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('GOVCHAIN_CORS_ORIGINS')), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('GOVCHAIN_BODY_LIMIT')), lines.join('\n'));
});

test('org must be a department; missing org is reported', () => {
  assert.match(problems({ GOVCHAIN_GATEWAY_ORG: 'Orderer' }).join('\n'), /not a department org/);
  assert.match(problems({}).join('\n'), /org is required/);
  assert.match(problems({}, ['--bogus', 'x']).join('\n'), /unknown flag --bogus/);
});

test('production refuses dev keys and plain-http JWKS', () => {
  assert.match(problems({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_PRODUCTION: 'true' }).join('\n'), /required when GOVCHAIN_PRODUCTION=true/);
  assert.match(problems({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_PRODUCTION: 'true', GOVCHAIN_JWT_JWKS_URL: 'http://idp/jwks' }).join('\n'), /must be https/);
  const dir = mkdtempSync(join(tmpdir(), 'gw-'));
  writeFileSync(join(dir, 'pub.pem'), 'x');
  const c = loadConfig({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_PRODUCTION: 'true', GOVCHAIN_JWT_PUBLIC_KEY_FILE: join(dir, 'pub.pem') }, []);
  assert.deepEqual(c.jwtKeys, { kind: 'file', path: join(dir, 'pub.pem') });
  assert.match(problems({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_JWT_PUBLIC_KEY_FILE: '/nonexistent.pem' }).join('\n'), /no file at/);
});

test('operator keys: the gateway holds none unless the development flag says so, and production refuses the flag', () => {
  assert.equal(loadConfig({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity' }, []).devOperatorKeys, false);
  assert.equal(loadConfig({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_DEV_OPERATOR_KEYS: 'true' }, []).devOperatorKeys, true);
  assert.equal(loadConfig({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity' }, ['--dev-operator-keys', 'true']).devOperatorKeys, true);
  const dir = mkdtempSync(join(tmpdir(), 'gw-keys-'));
  writeFileSync(join(dir, 'jwt.pem'), 'x');
  const production = { GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_PRODUCTION: 'true', GOVCHAIN_JWT_PUBLIC_KEY_FILE: join(dir, 'jwt.pem') };
  assert.equal(loadConfig(production, []).devOperatorKeys, false, 'production without the flag is accepted');
  const lines = problems({ ...production, GOVCHAIN_DEV_OPERATOR_KEYS: 'true' });
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /^DEV_OPERATOR_KEYS_REFUSED: GOVCHAIN_DEV_OPERATOR_KEYS \(--dev-operator-keys\) must be false/);
  assert.match(problems({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_DEV_OPERATOR_KEYS: 'yes' })[0] ?? '', /GOVCHAIN_DEV_OPERATOR_KEYS .*true or false/);
  assert.match(problems({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_SIGNING_STEP_TIMEOUT_MS: '900000' })[0] ?? '', /GOVCHAIN_SIGNING_STEP_TIMEOUT_MS .*at most 600000/);
});

test('each department gateway has its own default audience, ops port beside the API port on loopback, and role lifetimes', () => {
  const ps = loadConfig({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity' }, []);
  const nr = loadConfig({ GOVCHAIN_GATEWAY_ORG: 'NaturalResources' }, []);
  assert.equal(ps.jwtAudience, 'govchain-gateway:PublicSecurity');
  assert.equal(nr.jwtAudience, 'govchain-gateway:NaturalResources');
  assert.equal(ps.jwtMaxLifetimeOperatorSec, 8 * 3600);
  assert.equal(ps.jwtMaxLifetimeCitizenSec, 3600);
  assert.equal(ps.opsHost, '127.0.0.1');
  assert.equal(ps.opsPort, ps.port + 6000);
  assert.equal(ps.ipRateLimitPerMinute, 1200);
  assert.equal(ps.readyCacheMs, 5000);
  const custom = loadConfig({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_JWT_AUDIENCE: 'aud-x', GOVCHAIN_JWT_MAX_LIFETIME_CITIZEN_SEC: '600' }, ['--ops-port', '9999']);
  assert.equal(custom.jwtAudience, 'aud-x');
  assert.equal(custom.jwtMaxLifetimeCitizenSec, 600);
  assert.equal(custom.opsPort, 9999);
});

test('bad lifetimes and an ops port equal to the API port are refused', () => {
  assert.match(problems({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_JWT_MAX_LIFETIME_OPERATOR_SEC: '0' }).join('\n'), /GOVCHAIN_JWT_MAX_LIFETIME_OPERATOR_SEC/);
  assert.match(problems({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_JWT_MAX_LIFETIME_CITIZEN_SEC: '100000' }).join('\n'), /at most 86400/);
  assert.match(problems({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_OPS_PORT: String(gatewayPort('PublicSecurity')) }).join('\n'), /must differ from the API port/);
});
