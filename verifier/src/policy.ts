import { DecodeError } from './errors';
import { policies, principals } from './protos';
import { decodeStrict } from './strict-decode';

/** A signature policy: an org's identity of a role signs, or n of the sub-policies hold. */
export type Policy =
  | { kind: 'signedBy'; mspId: string; role: PrincipalRole }
  | { kind: 'outOf'; n: number; rules: Policy[] };

/** Roles a policy principal can name. */
export type PrincipalRole = 'member' | 'peer' | 'admin' | 'client' | 'orderer';

/** One identity that signed (an endorser whose signature and certificate were checked). */
export interface Signer {
  mspId: string;
  roles: readonly string[];
}

const ROLE_OF_PROTO: Record<number, PrincipalRole> = {
  [principals.MSPRole.MSPRoleType.MEMBER]: 'member',
  [principals.MSPRole.MSPRoleType.ADMIN]: 'admin',
  [principals.MSPRole.MSPRoleType.CLIENT]: 'client',
  [principals.MSPRole.MSPRoleType.PEER]: 'peer',
  [principals.MSPRole.MSPRoleType.ORDERER]: 'orderer',
};

/** Renders a policy in Fabric's policy language, the way receipts state it: OutOf(2, 'A.peer', 'B.peer'). */
export function renderPolicy(p: Policy): string {
  return p.kind === 'signedBy' ? `'${p.mspId}.${p.role}'` : `OutOf(${p.n}, ${p.rules.map(renderPolicy).join(', ')})`;
}

/**
 * Parses Fabric's policy language (AND, OR, OutOf and 'MSP.role' principals), as used for chaincode
 * definitions, into a policy tree. AND is OutOf(all), OR is OutOf(1), as in Fabric's own parser.
 */
export function parsePolicy(text: string): Policy {
  const tokens = text.match(/'[^']*'|[A-Za-z]+|\d+|[(),]/g) ?? [];
  if (tokens.join('') !== text.replace(/\s+/g, '')) throw new Error('unexpected characters in policy');
  let at = 0;
  const next = (): string => {
    const t = tokens[at++];
    if (t === undefined) throw new Error('policy ends early');
    return t;
  };
  const expect = (t: string) => {
    if (next() !== t) throw new Error(`expected ${t} in policy`);
  };
  const expr = (): Policy => {
    const t = next();
    if (t.startsWith("'")) {
      const m = /^'([A-Za-z0-9][A-Za-z0-9._-]*)\.(member|peer|admin|client|orderer)'$/.exec(t);
      if (!m) throw new Error(`bad principal ${t}`);
      return { kind: 'signedBy', mspId: m[1] as string, role: m[2] as PrincipalRole };
    }
    const op = t.toLowerCase();
    if (op !== 'and' && op !== 'or' && op !== 'outof') throw new Error(`unknown operator ${t}`);
    expect('(');
    let n = -1;
    if (op === 'outof') {
      n = Number(next());
      if (!Number.isInteger(n) || n < 0) throw new Error('OutOf needs a count');
      expect(',');
    }
    const rules: Policy[] = [expr()];
    for (let c = next(); c !== ')'; c = next()) {
      if (c !== ',') throw new Error('expected , or ) in policy');
      rules.push(expr());
    }
    if (op === 'and') n = rules.length;
    if (op === 'or') n = 1;
    if (n > rules.length) throw new Error('OutOf count exceeds its rules');
    return { kind: 'outOf', n, rules };
  };
  const policy = expr();
  if (at !== tokens.length) throw new Error('text after the policy');
  return policy;
}

/** Decodes a SignaturePolicyEnvelope (a key-level validation parameter) into a policy tree. */
export function decodePolicyEnvelope(bytes: Uint8Array): Policy {
  const envelope = decodeStrict(policies.SignaturePolicyEnvelope, bytes, 'key-level policy');
  const ids = envelope.getIdentitiesList().map((p) => {
    if (p.getPrincipalClassification() !== principals.MSPPrincipal.Classification.ROLE) throw new DecodeError('key-level policy principal');
    const role = decodeStrict(principals.MSPRole, p.getPrincipal_asU8(), 'key-level policy role');
    const name = ROLE_OF_PROTO[role.getRole()];
    if (!name) throw new DecodeError('key-level policy role');
    return { mspId: role.getMspIdentifier(), role: name };
  });
  const toPolicy = (rule: policies.SignaturePolicy | undefined, depth: number): Policy => {
    if (!rule || depth > 16) throw new DecodeError('key-level policy rule');
    if (rule.hasNOutOf()) {
      const n = rule.getNOutOf() as policies.SignaturePolicy.NOutOf;
      return { kind: 'outOf', n: n.getN(), rules: n.getRulesList().map((r) => toPolicy(r, depth + 1)) };
    }
    const id = ids[rule.getSignedBy()];
    if (!id) throw new DecodeError('key-level policy principal index');
    return { kind: 'signedBy', ...id };
  };
  return toPolicy(envelope.getRule(), 0);
}

const satisfiesPrincipal = (s: Signer, p: Extract<Policy, { kind: 'signedBy' }>) =>
  s.mspId === p.mspId && (p.role === 'member' || s.roles.includes(p.role));

/**
 * Evaluates a policy against distinct signers the way Fabric's cauthdsl does: each signer is used for at
 * most one principal, and OutOf tries its rules in order, keeping the signers a satisfied rule consumed.
 */
export function satisfies(policy: Policy, signers: readonly Signer[]): boolean {
  const evaluate = (p: Policy, used: boolean[]): boolean => {
    if (p.kind === 'signedBy') {
      const i = signers.findIndex((s, k) => !used[k] && satisfiesPrincipal(s, p));
      if (i < 0) return false;
      used[i] = true;
      return true;
    }
    let count = 0;
    for (const rule of p.rules) {
      const attempt = [...used];
      if (evaluate(rule, attempt)) {
        attempt.forEach((u, k) => (used[k] = u));
        count++;
      }
    }
    return count >= p.n;
  };
  return evaluate(policy, signers.map(() => false));
}
