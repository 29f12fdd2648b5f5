import type { OperatorPrincipal, Principal } from '../auth/principal';
import type { Actor, ClientSigner } from '../fabric/ledger';

/** Request header with the operator's signing certificate (base64 DER or PEM); optional, the enrolled one is the default. */
export const SIGNING_CERTIFICATE_HEADER = 'GovChain-Signing-Certificate';

/** True when a Prefer header states client signing: `Prefer: sign=client` (RFC 7240 preference). */
export function prefersClientSigning(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((p) => {
    const [name, value] = (p.split(';')[0] ?? '').split('=').map((x) => x.trim().toLowerCase());
    return name === 'sign' && value?.replace(/^"|"$/g, '') === 'client';
  });
}

/** An operator whose calls in this request are signed by their own client. */
export type ClientSigningPrincipal = OperatorPrincipal & { clientSigner: ClientSigner };

/** The principal a handler sees while its chaincode calls are signed by the client. */
export function withClientSigner(principal: OperatorPrincipal, clientSigner: ClientSigner): ClientSigningPrincipal {
  return { ...principal, clientSigner };
}

/** The client signer of a principal, when its request stated client signing. */
export function clientSignerOf(principal: Principal): ClientSigner | undefined {
  return principal.kind === 'operator' && 'clientSigner' in principal ? (principal as ClientSigningPrincipal).clientSigner : undefined;
}

/** Who signs a principal's chaincode calls: their own client when the request stated it, else `fallback` (an operator id). */
export function actorOf(principal: Principal, fallback: string): Actor {
  return clientSignerOf(principal) ?? fallback;
}
