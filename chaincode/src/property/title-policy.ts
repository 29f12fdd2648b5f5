import { PolicyNode, allOf, outOf, peerOf, registrarPlusOne } from '../core/endorsement-policy';

/**
 * Key-level endorsement policy of a title (and of its transfer and encumbrance records):
 *
 *   AND(registrar.peer, OutOf(1, <other departments except lenders>.peer) [, lender.peer ...])
 *
 * - The registrar's peer is always required, so no other department can change a title.
 * - One further department is required, so the registrar cannot change a title alone either.
 * - A lender that is an org on the channel is added while its encumbrance is active, so ownership cannot
 *   change without the lender's own peer; it is kept out of the "one other department" pool so that
 *   registrar + lender alone never suffice.
 * Owners and buyers are citizens without Fabric identities, so they cannot be in the policy; their consent
 * is the evidence-hashed approval on the transfer record, checked by the chaincode on every endorser.
 */
export function titlePolicy(registrarMsp: string, members: readonly string[], lenderMsps: readonly string[]): PolicyNode {
  const lenders = [...new Set(lenderMsps)].filter((m) => m !== registrarMsp).sort();
  if (lenders.length === 0) return registrarPlusOne(registrarMsp, members);
  const others = [...new Set(members)].filter((m) => m !== registrarMsp && !lenders.includes(m)).sort();
  const rules: PolicyNode[] = [peerOf(registrarMsp)];
  if (others.length > 0) rules.push(outOf(1, ...others.map(peerOf)));
  rules.push(...lenders.map(peerOf));
  return allOf(...rules);
}
