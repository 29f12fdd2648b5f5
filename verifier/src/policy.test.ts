import { test } from 'node:test';
import assert from 'node:assert/strict';
import { common, msp } from '@hyperledger/fabric-protos';
import { decodePolicyEnvelope, parsePolicy, renderPolicy, satisfies } from './policy';

const peer = (mspId: string) => ({ mspId, roles: ['peer'] });

test('parses Fabric policy language and renders it canonically', () => {
  const p = parsePolicy("OutOf(2,'A.peer','B.peer', 'C.peer')");
  assert.equal(renderPolicy(p), "OutOf(2, 'A.peer', 'B.peer', 'C.peer')");
  assert.equal(renderPolicy(parsePolicy("AND('A.peer', OR('B.peer','C.member'))")), "OutOf(2, 'A.peer', OutOf(1, 'B.peer', 'C.member'))");
  for (const bad of ['', "OutOf(3,'A.peer','B.peer')", "OutOf(2,'A.peer'", "'A.root'", "XOR('A.peer')", "OutOf(1,'A.peer') x", "OutOf(1,'A.peer';)"]) {
    assert.throws(() => parsePolicy(bad), `${bad} is refused`);
  }
});

test('evaluates like cauthdsl: distinct signers, each used once, roles checked', () => {
  const p = parsePolicy("AND('A.peer', OutOf(1, 'B.peer', 'C.peer'))");
  assert.equal(satisfies(p, [peer('A'), peer('B')]), true);
  assert.equal(satisfies(p, [peer('A')]), false);
  assert.equal(satisfies(p, [peer('B'), peer('C')]), false, 'the registrar is required');
  assert.equal(satisfies(p, [{ mspId: 'A', roles: ['client'] }, peer('B')]), false, 'a client is not a peer');
  assert.equal(satisfies(parsePolicy("OutOf(2, 'A.peer', 'A.peer')"), [peer('A')]), false, 'one signature satisfies one principal');
  assert.equal(satisfies(parsePolicy("OutOf(2, 'A.peer', 'A.peer')"), [peer('A'), peer('A')]), true);
  assert.equal(satisfies(parsePolicy("OR('A.member')"), [{ mspId: 'A', roles: ['client'] }]), true);
});

test('decodes a key-level SignaturePolicyEnvelope as the chaincode encodes it', () => {
  const role = (id: string) => {
    const r = new msp.MSPRole();
    r.setMspIdentifier(id);
    r.setRole(msp.MSPRole.MSPRoleType.PEER);
    const p = new msp.MSPPrincipal();
    p.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    p.setPrincipal(r.serializeBinary());
    return p;
  };
  const signedBy = (i: number) => {
    const s = new common.SignaturePolicy();
    s.setSignedBy(i);
    return s;
  };
  const nOf = (n: number, rules: common.SignaturePolicy[]) => {
    const s = new common.SignaturePolicy();
    const o = new common.SignaturePolicy.NOutOf();
    o.setN(n);
    o.setRulesList(rules);
    s.setNOutOf(o);
    return s;
  };
  const env = new common.SignaturePolicyEnvelope();
  env.setRule(nOf(2, [signedBy(0), nOf(1, [signedBy(1), signedBy(2)])]));
  env.setIdentitiesList([role('A'), role('B'), role('C')]);
  assert.equal(renderPolicy(decodePolicyEnvelope(env.serializeBinary())), "OutOf(2, 'A.peer', OutOf(1, 'B.peer', 'C.peer'))");
  assert.throws(() => decodePolicyEnvelope(new Uint8Array([0x12, 0x02, 0x08])), 'malformed bytes are refused');
});
