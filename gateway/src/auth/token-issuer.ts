import jwt from 'jsonwebtoken';
import type { TokenRole } from './principal';

/** Claims and settings for issuing a development token. */
export interface IssueTokenOptions {
  org: string;
  sub: string;
  role: TokenRole;
  issuer: string;
  audience: string;
  expiresInSec: number;
  privateKeyPem: string | Buffer;
}

/** Signs a token (ES256) as the development identity provider would. Not used by the gateway itself. */
export function issueToken(o: IssueTokenOptions): string {
  return jwt.sign({ org: o.org, role: o.role }, o.privateKeyPem, {
    algorithm: 'ES256',
    subject: o.sub,
    issuer: o.issuer,
    audience: o.audience,
    expiresIn: o.expiresInSec,
  });
}
