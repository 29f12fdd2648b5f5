import 'reflect-metadata';
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, KeyObject, randomBytes, sign, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { common, msp } from '@hyperledger/fabric-protos';
import { checkOrgAddition, verifySignature, type ExpectedOrg } from './config-signatures';
import { NetworkError } from './errors';

x509.cryptoProvider.set(webcrypto as never);
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

interface Ca { pem: string; keys: webcrypto.CryptoKeyPair; subject: string }

async function ca(name: string): Promise<Ca> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=ca.${name}`, keys, signingAlgorithm: SIGN,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return { pem: cert.toString('pem'), keys, subject: cert.subject };
}

/** An admin certificate issued by `issuer`, with its private key. */
async function admin(issuer: Ca, name: string): Promise<{ pem: string; key: KeyObject }> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${name}, OU=admin`, issuer: issuer.subject, publicKey: keys.publicKey, signingKey: issuer.keys.privateKey, signingAlgorithm: SIGN,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { pem: cert.toString('pem'), key: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }) };
}

/** A ConfigSignature over header ‖ update, as `peer channel signconfigtx` makes it. */
function configSignature(mspId: string, certPem: string, key: KeyObject, update: Uint8Array): Uint8Array {
  const creator = new msp.SerializedIdentity();
  creator.setMspid(mspId);
  creator.setIdBytes(Buffer.from(certPem));
  const header = new common.SignatureHeader();
  header.setCreator(creator.serializeBinary());
  header.setNonce(randomBytes(24));
  const headerBytes = header.serializeBinary();
  const s = new common.ConfigSignature();
  s.setSignatureHeader(headerBytes);
  s.setSignature(sign('sha256', Buffer.concat([headerBytes, update]), key));
  return s.serializeBinary();
}

const group = (version: number, parts: { groups?: Record<string, common.ConfigGroup>; values?: Record<string, common.ConfigValue>; policies?: Record<string, common.ConfigPolicy>; modPolicy?: string } = {}) => {
  const g = new common.ConfigGroup();
  g.setVersion(version);
  for (const [k, v] of Object.entries(parts.groups ?? {})) g.getGroupsMap().set(k, v);
  for (const [k, v] of Object.entries(parts.values ?? {})) g.getValuesMap().set(k, v);
  for (const [k, v] of Object.entries(parts.policies ?? {})) g.getPoliciesMap().set(k, v);
  if (parts.modPolicy) g.setModPolicy(parts.modPolicy);
  return g;
};
const value = (version: number, bytes: Uint8Array = new Uint8Array()) => {
  const v = new common.ConfigValue();
  v.setVersion(version);
  v.setValue(bytes);
  v.setModPolicy('Admins');
  return v;
};
const policy = (version: number) => {
  const p = new common.ConfigPolicy();
  p.setVersion(version);
  p.setModPolicy('Admins');
  return p;
};

/** The MSP value configtxgen writes for an org. */
function mspValue(name: string, roots: string[], tlsRoots: string[]): common.ConfigValue {
  const f = new msp.FabricMSPConfig();
  f.setName(name);
  f.setRootCertsList(roots.map((p) => Buffer.from(p)));
  f.setTlsRootCertsList(tlsRoots.map((p) => Buffer.from(p)));
  const m = new msp.MSPConfig();
  m.setType(0);
  m.setConfig(f.serializeBinary());
  return value(0, m.serializeBinary());
}

interface Variant {
  channel?: string;
  appModPolicy?: string;
  appPolicyVersion?: number;
  extraOrg?: boolean;
  mspName?: string;
  roots?: string[];
  channelValueVersion?: number;
}

/** A ConfigUpdate shaped like configtxlator compute_update's for adding `NewMSP` (with variations an attacker might make). */
function update(ca: Ca, v: Variant = {}): Uint8Array {
  const existing = () => ({ AMSP: group(1), BMSP: group(1), CMSP: group(1) });
  const appPolicies = () => ({ Admins: policy(0), Readers: policy(0), Writers: policy(0) });
  const read = group(0, {
    groups: { Application: group(1, { groups: existing(), policies: appPolicies(), values: { Capabilities: value(0) } }) },
    values: { OrdererAddresses: value(0) },
  });
  const newOrg = group(0, { values: { MSP: mspValue(v.mspName ?? 'NewMSP', v.roots ?? [ca.pem], [ca.pem]) }, policies: { Admins: policy(0) }, modPolicy: 'Admins' });
  const groups: Record<string, common.ConfigGroup> = { ...existing(), NewMSP: newOrg };
  if (v.extraOrg) groups.EvilMSP = group(0, { values: { MSP: mspValue('EvilMSP', [ca.pem], [ca.pem]) } });
  const write = group(0, {
    groups: { Application: group(2, { groups, policies: { ...appPolicies(), Admins: policy(v.appPolicyVersion ?? 0) }, values: { Capabilities: value(0) }, modPolicy: v.appModPolicy ?? 'Admins' }) },
    values: { OrdererAddresses: value(v.channelValueVersion ?? 0) },
  });
  const u = new common.ConfigUpdate();
  u.setChannelId(v.channel ?? 'govchannel');
  u.setReadSet(read);
  u.setWriteSet(write);
  return u.serializeBinary();
}

const invalid = (re: RegExp) => (err: unknown) => err instanceof NetworkError && err.key === 'CONFIG_UPDATE_INVALID' && re.test(err.message);

describe('what an admin signs: the update adds exactly the joining org (checkOrgAddition)', () => {
  let newCa: Ca;
  let otherCa: Ca;
  let expected: ExpectedOrg;
  before(async () => {
    newCa = await ca('new');
    otherCa = await ca('other');
    expected = { channel: 'govchannel', mspId: 'NewMSP', rootCertPems: [newCa.pem], tlsRootCertPems: [newCa.pem] };
  });

  it('accepts the update compute_update makes for the org, and says what is signed', () => {
    assert.match(checkOrgAddition(update(newCa), expected), /adds NewMSP to govchannel with CA .*changes nothing else/);
  });

  it('refuses a swapped update: another channel, a changed policy or value, a second org, other roots, another MSP name, another mod policy', () => {
    assert.throws(() => checkOrgAddition(update(newCa, { channel: 'otherchannel' }), expected), invalid(/channel "otherchannel"/));
    assert.throws(() => checkOrgAddition(update(newCa, { appPolicyVersion: 1 }), expected), invalid(/also changes policy Channel\/Application\/Admins/));
    assert.throws(() => checkOrgAddition(update(newCa, { channelValueVersion: 1 }), expected), invalid(/also changes value Channel\/OrdererAddresses/));
    assert.throws(() => checkOrgAddition(update(newCa, { extraOrg: true }), expected), invalid(/also changes group Channel\/Application\/EvilMSP/));
    assert.throws(() => checkOrgAddition(update(newCa, { roots: [otherCa.pem] }), expected), invalid(/CA certificates differ from its bundle/));
    assert.throws(() => checkOrgAddition(update(newCa, { mspName: 'EvilMSP' }), expected), invalid(/MSP is named "EvilMSP"/));
    assert.throws(() => checkOrgAddition(update(newCa, { appModPolicy: 'NewMSP/Admins' }), expected), invalid(/mod policy/));
    assert.throws(() => checkOrgAddition(update(newCa), { ...expected, mspId: 'OtherMSP' }), invalid(/does not add OtherMSP/));
    assert.throws(() => checkOrgAddition(randomBytes(64), expected), (err: unknown) => err instanceof NetworkError && err.key === 'CONFIG_UPDATE_INVALID');
  });
});

describe('a signature file is bound to the exact update bytes and its MSP\'s CA (verifySignature)', () => {
  let caA: Ca;
  let caB: Ca;
  let adminA: { pem: string; key: KeyObject };
  let adminB: { pem: string; key: KeyObject };
  const bytes = randomBytes(200);
  before(async () => {
    caA = await ca('a');
    caB = await ca('b');
    adminA = await admin(caA, 'Admin@a');
    adminB = await admin(caB, 'Admin@b');
  });
  const cas = (mspId: string) => ({ AMSP: [caA.pem], BMSP: [caB.pem] } as Record<string, string[]>)[mspId];

  it('accepts a signature on these bytes by an admin the MSP\'s CA issued', () => {
    assert.equal(verifySignature(bytes, configSignature('AMSP', adminA.pem, adminA.key, bytes), cas), 'AMSP');
  });

  it('refuses a file made for another update (a stale prepare or a replay), a forged creator, a stranger and garbage', () => {
    assert.throws(() => verifySignature(bytes, configSignature('AMSP', adminA.pem, adminA.key, randomBytes(200)), cas), invalid(/does not cover this update/));
    assert.throws(() => verifySignature(bytes, configSignature('AMSP', adminB.pem, adminB.key, bytes), cas), invalid(/not issued by AMSP's CA/));
    assert.throws(() => verifySignature(bytes, configSignature('ZMSP', adminA.pem, adminA.key, bytes), cas), invalid(/not a member/));
    assert.throws(() => verifySignature(bytes, randomBytes(90), cas), invalid(/not a config signature/));
    assert.throws(() => verifySignature(bytes, new Uint8Array(), cas), invalid(/not a config signature/));
  });
});
