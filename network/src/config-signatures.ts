import { verify, X509Certificate } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import { NetworkError } from './errors';

/**
 * The envelope of a channel config update and the admins' signatures on it, as protobuf bytes. The update's bytes
 * (`config_update`) are kept as they are, never decoded and re-encoded: every signature covers exactly those bytes,
 * so a signature made on one host stays valid when another host adds it to the envelope.
 */

/** The unsigned CONFIG_UPDATE envelope of `update` (the ConfigUpdate bytes configtxlator computed) for `channel`. */
export function unsignedUpdateEnvelope(channel: string, update: Uint8Array): Uint8Array {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.CONFIG_UPDATE);
  channelHeader.setChannelId(channel);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  const configUpdateEnvelope = new common.ConfigUpdateEnvelope();
  configUpdateEnvelope.setConfigUpdate(update);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(configUpdateEnvelope.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope.serializeBinary();
}

/** Decodes an update envelope into its payload and ConfigUpdateEnvelope; CONFIG_UPDATE_INVALID for anything else. */
function openEnvelope(bytes: Uint8Array): { payload: common.Payload; update: common.ConfigUpdateEnvelope } {
  try {
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8());
    const type = common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getType();
    if (type !== common.HeaderType.CONFIG_UPDATE) throw new Error(`header type ${type}, not CONFIG_UPDATE`);
    return { payload, update: common.ConfigUpdateEnvelope.deserializeBinary(payload.getData_asU8()) };
  } catch (err) {
    throw new NetworkError('CONFIG_UPDATE_INVALID', `not a channel config update envelope: ${(err as Error).message}`, 'prepare it again: npm run org:add -- --org <name> --prepare');
  }
}

/** The ConfigUpdate bytes the envelope carries (what every signature covers). */
export function updateBytes(envelope: Uint8Array): Uint8Array {
  return openEnvelope(envelope).update.getConfigUpdate_asU8();
}

/** The MSP id that made a config signature (its signature header's creator). */
export function signerMsp(signature: Uint8Array): string {
  const sig = common.ConfigSignature.deserializeBinary(signature);
  const creator = common.SignatureHeader.deserializeBinary(sig.getSignatureHeader_asU8()).getCreator_asU8();
  return msp.SerializedIdentity.deserializeBinary(creator).getMspid();
}

/**
 * The signature `peer channel signconfigtx` added to a copy of the unsigned envelope: the copy must carry the same
 * update bytes and exactly one signature more. Returned as a serialised ConfigSignature (the signature file).
 */
export function addedSignature(unsigned: Uint8Array, signed: Uint8Array): Uint8Array {
  const before = openEnvelope(unsigned).update;
  const after = openEnvelope(signed).update;
  if (Buffer.compare(Buffer.from(before.getConfigUpdate_asU8()), Buffer.from(after.getConfigUpdate_asU8())) !== 0) {
    throw new NetworkError('CONFIG_UPDATE_INVALID', 'the signed envelope carries a different update than the prepared one');
  }
  const added = after.getSignaturesList().slice(before.getSignaturesList().length);
  if (added.length !== 1) throw new NetworkError('CONFIG_UPDATE_INVALID', `expected one new signature on the update, found ${added.length}`);
  return added[0]!.serializeBinary();
}

/** The envelope with the given signatures (serialised ConfigSignatures) appended, update bytes untouched. */
export function withSignatures(envelope: Uint8Array, signatures: Uint8Array[]): Uint8Array {
  const { payload, update } = openEnvelope(envelope);
  for (const s of signatures) update.addSignatures(common.ConfigSignature.deserializeBinary(s));
  payload.setData(update.serializeBinary());
  const out = new common.Envelope();
  out.setPayload(payload.serializeBinary());
  return out.serializeBinary();
}

/** How many admins' signatures a `MAJORITY Admins` policy over `orgs` orgs needs. */
export const majority = (orgs: number): number => Math.floor(orgs / 2) + 1;

/** A PEM or DER certificate's SHA-256 fingerprint, or undefined when the bytes are no certificate. */
function fingerprint(cert: Uint8Array | string): string | undefined {
  try {
    return new X509Certificate(typeof cert === 'string' ? cert : Buffer.from(cert)).fingerprint256;
  } catch {
    return undefined;
  }
}

/**
 * Checks one admin's signature file against the exact update bytes it is to be submitted with: the signature
 * (Fabric signs SHA-256 over signature header ‖ ConfigUpdate bytes) verifies under the creator's certificate, and
 * that certificate was issued by one of `caPems`, the CA certificates of the MSP the header names. A file made for
 * another update (an earlier prepare, another channel), a forged creator or bytes that are no ConfigSignature are
 * CONFIG_UPDATE_INVALID, so a bad file is found here and not by the orderer. Returns the signer's MSP id.
 */
export function verifySignature(update: Uint8Array, signature: Uint8Array, caPemsOf: (mspId: string) => string[] | undefined, source = 'the signature'): string {
  const bad = (why: string) => new NetworkError('CONFIG_UPDATE_INVALID', `${source}: ${why}`,
    'remove the file and sign the prepared update again: npm run org:sign -- --org <joining org> --as <org> (on that org\'s host)');
  let header: Uint8Array;
  let sig: Uint8Array;
  let mspId: string;
  let certBytes: Uint8Array;
  try {
    const s = common.ConfigSignature.deserializeBinary(signature);
    header = s.getSignatureHeader_asU8();
    sig = s.getSignature_asU8();
    const creator = msp.SerializedIdentity.deserializeBinary(common.SignatureHeader.deserializeBinary(header).getCreator_asU8());
    mspId = creator.getMspid();
    certBytes = creator.getIdBytes_asU8();
  } catch (err) {
    throw bad(`not a config signature (${(err as Error).message})`);
  }
  if (!mspId || header.length === 0 || sig.length === 0) throw bad('not a config signature (no creator, header or signature)');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(certBytes));
  } catch {
    throw bad(`the creator of ${mspId} carries no certificate`);
  }
  const cas = caPemsOf(mspId);
  if (!cas || cas.length === 0) throw bad(`signed as ${mspId}, which is not a member of the channel whose CA certificate is on this host`);
  const issued = cas.some((pem) => {
    try {
      const ca = new X509Certificate(pem);
      return cert.checkIssued(ca) && cert.verify(ca.publicKey);
    } catch {
      return false;
    }
  });
  if (!issued) throw bad(`the signer's certificate (${cert.subject.replace(/\n/g, ', ')}) was not issued by ${mspId}'s CA`);
  if (!verify('sha256', Buffer.concat([header, update]), cert.publicKey, sig)) {
    throw bad(`${mspId}'s signature does not cover this update (made for another prepared update?)`);
  }
  return mspId;
}

/** What the joining org's MSP in an update must be: its MSP id and the CA and TLS CA certificates of its bundle. */
export interface ExpectedOrg {
  channel: string;
  mspId: string;
  rootCertPems: string[];
  tlsRootCertPems: string[];
}

/**
 * Checks, before an admin signs it, that a ConfigUpdate does exactly one thing: add the application org
 * `expected.mspId` to `expected.channel`, with the CA and TLS CA certificates of the bundle on the signer's host.
 * Fabric applies only the elements of the write set that are new or whose version differs from the read set; the
 * only such elements allowed are the Application group (one version up, mod policy Admins) and the new org's group
 * with everything under it. Anything else — a changed policy or value, a second org, another channel, other roots —
 * is CONFIG_UPDATE_INVALID: an admin's signature is never given to an update that was swapped on its way.
 * Returns one line saying what is signed.
 */
export function checkOrgAddition(update: Uint8Array, expected: ExpectedOrg): string {
  const bad = (why: string) => new NetworkError('CONFIG_UPDATE_INVALID', `the prepared update is not only "${expected.mspId} joins ${expected.channel}": ${why}`,
    'do not sign it; prepare it again on an existing member\'s host (npm run org:add -- --org <name> --prepare) and compare it with the joining org\'s bundle');
  let u: common.ConfigUpdate;
  try {
    u = common.ConfigUpdate.deserializeBinary(update);
  } catch (err) {
    throw bad(`not a ConfigUpdate (${(err as Error).message})`);
  }
  if (u.getChannelId() !== expected.channel) throw bad(`it is for channel "${u.getChannelId()}"`);
  if (u.getIsolatedDataMap().getLength() > 0) throw bad('it carries isolated data');
  const read = u.getReadSet();
  const write = u.getWriteSet();
  if (!read || !write) throw bad('it has no read or write set');
  const changed: string[] = [];
  const newOrg = `Channel/Application/${expected.mspId}`;
  // Every write-set element that Fabric would apply (new, or at another version than read), except the new org's subtree.
  const walk = (w: common.ConfigGroup, r: common.ConfigGroup | undefined, at: string): void => {
    if (at === newOrg || at.startsWith(`${newOrg}/`)) return;
    if (!r || r.getVersion() !== w.getVersion()) changed.push(`group ${at}`);
    for (const [kind, wm, rm] of [['value', w.getValuesMap(), r?.getValuesMap()], ['policy', w.getPoliciesMap(), r?.getPoliciesMap()]] as const) {
      for (const k of Array.from(wm.keys()) as string[]) {
        const rv = rm?.get(k) as { getVersion(): number } | undefined;
        if (!rv || rv.getVersion() !== (wm.get(k) as { getVersion(): number }).getVersion()) changed.push(`${kind} ${at}/${k}`);
      }
    }
    const groups = w.getGroupsMap();
    for (const k of Array.from(groups.keys())) walk(groups.get(k)!, r?.getGroupsMap().get(k), `${at}/${k}`);
  };
  walk(write, read, 'Channel');
  const app = write.getGroupsMap().get('Application');
  const org = app?.getGroupsMap().get(expected.mspId);
  if (!app || !org) throw bad(`it does not add ${expected.mspId} to the Application group`);
  if (read.getGroupsMap().get('Application')?.getGroupsMap().get(expected.mspId)) throw bad(`${expected.mspId} is in its read set (already a member?)`);
  const others = changed.filter((c) => c !== 'group Channel/Application');
  if (others.length > 0) throw bad(`it also changes ${others.join(', ')}`);
  if (!changed.includes('group Channel/Application')) throw bad('the Application group\'s version is not raised');
  if (app.getModPolicy() !== 'Admins') throw bad(`it sets the Application group's mod policy to "${app.getModPolicy()}"`);
  if (org.getGroupsMap().getLength() > 0) throw bad(`${expected.mspId}'s group has sub-groups`);
  const mspValue = org.getValuesMap().get('MSP');
  if (!mspValue) throw bad(`${expected.mspId}'s group has no MSP`);
  let fabricMsp: msp.FabricMSPConfig;
  try {
    const m = msp.MSPConfig.deserializeBinary(mspValue.getValue_asU8());
    if (m.getType() !== 0) throw new Error(`MSP type ${m.getType()}, not FABRIC`);
    fabricMsp = msp.FabricMSPConfig.deserializeBinary(m.getConfig_asU8());
  } catch (err) {
    throw bad(`${expected.mspId}'s MSP cannot be read (${(err as Error).message})`);
  }
  if (fabricMsp.getName() !== expected.mspId) throw bad(`its MSP is named "${fabricMsp.getName()}"`);
  const same = (got: Uint8Array[], want: string[]): boolean => {
    const g = got.map(fingerprint).sort();
    const w = want.map(fingerprint).sort();
    return g.length === w.length && g.every((f, i) => f !== undefined && f === w[i]);
  };
  if (!same(fabricMsp.getRootCertsList_asU8(), expected.rootCertPems)) throw bad(`${expected.mspId}'s CA certificates differ from its bundle on this host`);
  if (!same(fabricMsp.getTlsRootCertsList_asU8(), expected.tlsRootCertPems)) throw bad(`${expected.mspId}'s TLS CA certificates differ from its bundle on this host`);
  if (fabricMsp.getIntermediateCertsList_asU8().length > 0 || fabricMsp.getTlsIntermediateCertsList_asU8().length > 0) {
    throw bad(`${expected.mspId}'s MSP has intermediate certificates its bundle does not have`);
  }
  return `adds ${expected.mspId} to ${expected.channel} with CA ${expected.rootCertPems.map(fingerprint).join(', ')} and TLS CA ${expected.tlsRootCertPems.map(fingerprint).join(', ')}; changes nothing else`;
}
