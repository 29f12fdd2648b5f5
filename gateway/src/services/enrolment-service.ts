import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaError, enrollCsr, enrollmentIdOf, type CaEndpoint, type CaEnrolment } from '@govchain/connection';
import type { OperatorPrincipal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import type { IdentityStore } from '../fabric/identity-store';
import { checkSigningCertificate, parseCertificate, type OrgCa } from '../fabric/signing-certificate';

/** Where the gateway relays CSRs and keeps the resulting certificates. */
export interface EnrolmentDeps {
  ca: CaEndpoint;
  /** Org name (the CA enrolment ids are `<operatorId>.<org lower-case>`). */
  orgName: string;
  /** `<usersDir>/<operatorId>/msp/signcerts/cert.pem` receives each certificate (never a key). */
  usersDir: string;
  identities: IdentityStore;
  /** The CA call (replaced in unit tests). */
  enroll?: (ca: CaEndpoint, enrollmentId: string, secret: string, csrPem: string) => Promise<CaEnrolment>;
}

/** What an enrolment returns to the operator's client. */
export interface EnrolmentResult {
  operatorId: string;
  mspId: string;
  role: string;
  enrollmentId: string;
  certificate: string;
  certificateSha256: string;
  caChain: string;
}

/**
 * Operator enrolment through the gateway acting as a relay: the operator's client generated the key pair and the
 * CSR, the gateway forwards the CSR with the one-time secret to the org's CA over TLS and stores only the
 * certificate it gets back. The gateway sees the one-time secret, never a key: a relay that abused the secret
 * could at most burn it or enrol a key of its own, which the client notices (the certificate's public key is not
 * its own) and the CA's records show.
 */
export class EnrolmentService {
  constructor(
    private readonly deps: EnrolmentDeps | undefined,
    private readonly orgCa: OrgCa | undefined,
  ) {}

  /** Enrols the token's operator: relays the CSR, checks and stores the certificate, returns it. */
  async enrol(who: OperatorPrincipal, secret: string, csrPem: string): Promise<EnrolmentResult> {
    const d = this.deps;
    const ca = this.orgCa;
    if (!d || !ca) throw new ApiError(503, 'CONFIG_MISSING', 'this gateway has no CA configured for enrolment');
    const certDir = join(d.usersDir, who.operatorId, 'msp', 'signcerts');
    if (d.identities.find(who.operatorId) || existsSync(join(certDir, 'cert.pem'))) {
      throw new ApiError(409, 'ALREADY_ENROLLED', `operator ${who.operatorId} already has a certificate on this gateway; ask the department admin to revoke it and register anew`);
    }
    const enrollmentId = enrollmentIdOf(d.orgName, who.operatorId);
    let issued: CaEnrolment;
    try {
      issued = await (d.enroll ?? enrollCsr)(d.ca, enrollmentId, secret, csrPem);
    } catch (err) {
      if (err instanceof CaError && err.key === 'CA_REFUSED') {
        throw new ApiError(403, 'ENROLMENT_REFUSED', `the CA refused the enrolment: a wrong or already used secret, or a CSR whose common name is not ${enrollmentId}`, {
          enrollmentId,
          ...(err.caCode !== undefined ? { caCode: err.caCode } : {}),
        });
      }
      const unavailable = new ApiError(503, 'CA_UNAVAILABLE', 'the org\'s CA is not reachable; try again later');
      unavailable.internal = (err as Error).message;
      throw unavailable;
    }
    // The CA issued what it was registered with; a token naming another role must not get this certificate stored.
    const checked = checkSigningCertificate(parseCertificate(issued.certificatePem), ca, who);
    mkdirSync(certDir, { recursive: true });
    writeFileSync(join(certDir, 'cert.pem'), checked.pem, { flag: 'wx' });
    const roleFile = join(d.usersDir, who.operatorId, 'role');
    if (!existsSync(roleFile)) writeFileSync(roleFile, checked.role);
    d.identities.forget?.(who.operatorId);
    return {
      operatorId: who.operatorId, mspId: checked.mspId, role: checked.role, enrollmentId,
      certificate: checked.pem.toString('utf8'), certificateSha256: checked.sha256, caChain: issued.caChainPem,
    };
  }
}
