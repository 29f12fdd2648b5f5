import { common, msp } from '@hyperledger/fabric-protos';
import type { ChaincodeStub } from 'fabric-shim';

/**
 * A signature policy tree: a peer of one MSP signs, or n out of sub-policies hold.
 * fabric-shim's KeyEndorsementPolicy can only express AND over orgs, so key-level policies such as
 * AND('Registrar.peer', OutOf(1, others)) are encoded here with the protobuf messages directly.
 */
export type PolicyNode =
  | { kind: 'peer'; mspId: string }
  | { kind: 'outOf'; n: number; rules: PolicyNode[] };

/** A peer of the given MSP. */
export const peerOf = (mspId: string): PolicyNode => ({ kind: 'peer', mspId });
/** n of the given rules. */
export const outOf = (n: number, ...rules: PolicyNode[]): PolicyNode => ({ kind: 'outOf', n, rules });
/** All of the given rules. */
export const allOf = (...rules: PolicyNode[]): PolicyNode => outOf(rules.length, ...rules);

/**
 * The usual record policy: the registrar's peer AND one peer of another member department, so neither
 * the registrar nor any other department can change the record alone. With no other member, the
 * registrar alone (single-org networks only).
 */
export function registrarPlusOne(registrarMsp: string, members: readonly string[]): PolicyNode {
  const others = [...new Set(members)].filter((m) => m !== registrarMsp).sort();
  if (others.length === 0) return peerOf(registrarMsp);
  return allOf(peerOf(registrarMsp), outOf(1, ...others.map(peerOf)));
}

/**
 * Write-once keys (audit entries, their indexes, sealing orders): every member department's peer. Honest code
 * never rewrites or deletes such a key, so requiring all departments costs nothing in normal operation, while
 * any two (or any n-1) departments running modified chaincode cannot change or delete one.
 */
export function everyMember(members: readonly string[]): PolicyNode {
  const all = [...new Set(members)].sort();
  return all.length === 1 ? peerOf(all[0] as string) : allOf(...all.map(peerOf));
}

/**
 * Records the governance org keeps on behalf of a dataset owner (catalogue entries, grants): the governance
 * org's peer AND the owner's peer, so neither changes them alone and no pair without the owner does. When the
 * governance org owns the dataset itself, its peer AND one other department's (as registrarPlusOne).
 */
export function governanceAndOwner(governanceMsp: string, ownerMsp: string, members: readonly string[]): PolicyNode {
  if (ownerMsp === governanceMsp) return registrarPlusOne(governanceMsp, members);
  return allOf(peerOf(governanceMsp), peerOf(ownerMsp));
}

/** Encodes a policy tree as a SignaturePolicyEnvelope (the validation parameter bytes). */
export function encodePolicy(node: PolicyNode): Uint8Array {
  const identities: string[] = [];
  const indexOf = (mspId: string): number => {
    const at = identities.indexOf(mspId);
    return at >= 0 ? at : identities.push(mspId) - 1;
  };
  const toRule = (n: PolicyNode): common.SignaturePolicy => {
    const rule = new common.SignaturePolicy();
    if (n.kind === 'peer') {
      rule.setSignedBy(indexOf(n.mspId));
    } else {
      const nOutOf = new common.SignaturePolicy.NOutOf();
      nOutOf.setN(n.n);
      nOutOf.setRulesList(n.rules.map(toRule));
      rule.setNOutOf(nOutOf);
    }
    return rule;
  };
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setRule(toRule(node));
  envelope.setIdentitiesList(identities.map((mspId) => {
    const role = new msp.MSPRole();
    role.setMspIdentifier(mspId);
    role.setRole(msp.MSPRole.MSPRoleType.PEER);
    const principal = new msp.MSPPrincipal();
    principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    principal.setPrincipal(role.serializeBinary());
    return principal;
  }));
  return envelope.serializeBinary();
}

/** Renders encoded policy bytes in Fabric's policy language, e.g. OutOf(2, 'A.peer', OutOf(1, 'B.peer')). */
export function describePolicy(bytes: Uint8Array): string {
  const envelope = common.SignaturePolicyEnvelope.deserializeBinary(bytes);
  const names = envelope.getIdentitiesList().map((p) => {
    const role = msp.MSPRole.deserializeBinary(p.getPrincipal_asU8());
    const suffix = role.getRole() === msp.MSPRole.MSPRoleType.PEER ? 'peer' : 'member';
    return `'${role.getMspIdentifier()}.${suffix}'`;
  });
  const render = (rule: common.SignaturePolicy | undefined): string => {
    if (!rule) return '?';
    if (rule.hasNOutOf()) {
      const n = rule.getNOutOf();
      return `OutOf(${n?.getN() ?? 0}, ${(n?.getRulesList() ?? []).map(render).join(', ')})`;
    }
    return names[rule.getSignedBy()] ?? '?';
  };
  return render(envelope.getRule());
}

/** Sets the key-level (state-based) endorsement policy of a public key. */
export async function setKeyPolicy(stub: ChaincodeStub, key: string, node: PolicyNode): Promise<void> {
  await stub.setStateValidationParameter(key, encodePolicy(node));
}

/** Sets already encoded policy bytes on a key (for transactions that protect many keys alike). */
export async function setKeyPolicyBytes(stub: ChaincodeStub, key: string, policy: Uint8Array): Promise<void> {
  await stub.setStateValidationParameter(key, policy);
}

/** Protects a record key with registrarPlusOne: the registrar's peer AND one other member department's peer. */
export async function protectRegistrarPlusOne(stub: ChaincodeStub, key: string, auth: { registrarMsp: string; config: { members: readonly string[] } }): Promise<void> {
  await setKeyPolicy(stub, key, registrarPlusOne(auth.registrarMsp, auth.config.members));
}
