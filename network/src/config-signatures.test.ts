import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import { addedSignature, majority, signerMsp, unsignedUpdateEnvelope, updateBytes, withSignatures } from './config-signatures';
import { channelMembers, ChannelConfig, printedJson, withOrg } from './config-update';
import { NetworkError } from './errors';

/** A ConfigSignature made by `mspId` (the bytes are random: only the structure matters here). */
function signature(mspId: string): Uint8Array {
  const creator = new msp.SerializedIdentity();
  creator.setMspid(mspId);
  creator.setIdBytes(Buffer.from(`-----BEGIN CERTIFICATE-----\n${mspId}\n-----END CERTIFICATE-----\n`));
  const header = new common.SignatureHeader();
  header.setCreator(creator.serializeBinary());
  header.setNonce(randomBytes(24));
  const sig = new common.ConfigSignature();
  sig.setSignatureHeader(header.serializeBinary());
  sig.setSignature(randomBytes(70));
  return sig.serializeBinary();
}

const invalid = (err: unknown) => err instanceof NetworkError && err.key === 'CONFIG_UPDATE_INVALID';

describe('config update signatures', () => {
  const update = randomBytes(300);
  const unsigned = unsignedUpdateEnvelope('govchannel', update);

  it('wraps the update bytes untouched in a CONFIG_UPDATE envelope for the channel', () => {
    assert.deepEqual(Buffer.from(updateBytes(unsigned)), update);
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(unsigned).getPayload_asU8());
    const header = common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8());
    assert.equal(header.getType(), common.HeaderType.CONFIG_UPDATE);
    assert.equal(header.getChannelId(), 'govchannel');
  });

  it('takes one signature from a signed copy and adds signature files back byte for byte', () => {
    const a = signature('PublicSecurityMSP');
    const b = signature('NaturalResourcesMSP');
    const signedByA = withSignatures(unsigned, [a]);
    assert.deepEqual(Buffer.from(addedSignature(unsigned, signedByA)), Buffer.from(a));
    assert.equal(signerMsp(a), 'PublicSecurityMSP');
    const both = withSignatures(unsigned, [a, b]);
    assert.deepEqual(Buffer.from(updateBytes(both)), update, 'the signed bytes are unchanged');
    const sigs = common.ConfigUpdateEnvelope.deserializeBinary(common.Payload.deserializeBinary(common.Envelope.deserializeBinary(both).getPayload_asU8()).getData_asU8()).getSignaturesList();
    assert.deepEqual(sigs.map((s) => Buffer.from(s.serializeBinary())), [Buffer.from(a), Buffer.from(b)]);
  });

  it('refuses a copy with another update, none or two new signatures, or bytes that are no update envelope', () => {
    const other = withSignatures(unsignedUpdateEnvelope('govchannel', randomBytes(300)), [signature('X')]);
    assert.throws(() => addedSignature(unsigned, other), invalid);
    assert.throws(() => addedSignature(unsigned, unsigned), invalid);
    assert.throws(() => addedSignature(unsigned, withSignatures(unsigned, [signature('X'), signature('Y')])), invalid);
    assert.throws(() => updateBytes(randomBytes(40)), invalid);
  });

  it('counts a majority as more than half', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(majority), [1, 2, 2, 3, 3, 4]);
  });

  it('adds an org group to a copy of the config, and refuses one already there', () => {
    const config: ChannelConfig = { channel_group: { groups: { Application: { groups: { AMSP: {}, BMSP: {} } } } } };
    const next = withOrg(config, 'CMSP', { values: {} });
    assert.deepEqual(channelMembers(next), ['AMSP', 'BMSP', 'CMSP']);
    assert.deepEqual(channelMembers(config), ['AMSP', 'BMSP'], 'the input is not changed');
    assert.throws(() => withOrg(config, 'AMSP', {}), (err: unknown) => err instanceof NetworkError && err.key === 'ORG_IN_CHANNEL');
  });
});

describe('a Fabric tool\'s printed JSON', () => {
  it('is parsed from between its log lines, and broken output is COMMAND_FAILED, never a SyntaxError', () => {
    assert.deepEqual(printedJson('{"a":1}\n2026-12-02 INFO done'), { a: 1 });
    assert.throws(() => printedJson('no json here'), (err: unknown) => err instanceof NetworkError && err.key === 'COMMAND_FAILED');
    assert.throws(() => printedJson('{"a": 1 ... cut} '), (err: unknown) => err instanceof NetworkError && err.key === 'COMMAND_FAILED');
  });
});
