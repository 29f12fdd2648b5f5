import { createPrivateKey, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CaError, enrollmentIdOf, registerIdentity, type CaEndpoint, type CaRegistrar, type EnrolmentTicket } from '@govchain/connection';
import { OPERATOR_ATTR, ROLE_ATTR, caName } from './ca';
import { NetworkError } from './errors';
import { paths } from './paths';
import { caNodeName, serviceHost } from './placement';
import type { DepartmentOrg, Topology } from './topology';

/** Where the ticket goes: a new file (created with mode 0600, never overwritten) or this terminal. */
export type TicketDestination = { kind: 'file'; path: string } | { kind: 'terminal'; write: (s: string) => void };

/** The CA's root certificate: it issued the CA server's TLS certificate, so it is what TLS is verified against. */
export function caRootCertPath(orgName: string): string {
  return join(paths.caHome(orgName), 'ca-cert.pem');
}

/** The CA endpoint of an org on this network (REST API, TLS verified against the CA's own root only). */
export function caEndpointOf(t: Topology, org: DepartmentOrg): CaEndpoint {
  return { url: `https://${serviceHost(t, caNodeName(org))}:${org.ca.port}`, caName: caName(org), tlsCertPem: readFileSync(caRootCertPath(org.name)) };
}

/** The CA's bootstrap registrar as `network:up` enrolled it (certificate and key under the org's CA client home). */
export function registrarOf(org: DepartmentOrg): CaRegistrar {
  const msp = join(paths.clientHome(org.name), 'msp');
  const keyDir = join(msp, 'keystore');
  const keyFile = existsSync(keyDir) ? readdirSync(keyDir).find((n) => !n.startsWith('.')) : undefined;
  if (!keyFile || !existsSync(join(msp, 'signcerts', 'cert.pem'))) {
    throw new NetworkError('CA_REGISTRAR_MISSING', `the CA registrar of ${org.name} is not enrolled under ${msp}`, 'run "npm run network:up" first');
  }
  return { certificatePem: readFileSync(join(msp, 'signcerts', 'cert.pem'), 'utf8'), privateKey: createPrivateKey(readFileSync(join(keyDir, keyFile))) };
}

/**
 * Opens the ticket's file before anything is registered, so a bad destination costs nothing: a file that
 * already exists is refused (a ticket is never overwritten, nor written through a planted link).
 */
function openDestination(dest: TicketDestination): (s: string) => void {
  if (dest.kind === 'terminal') return dest.write;
  let fd: number;
  try {
    fd = openSync(dest.path, 'wx', 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new NetworkError(code === 'EEXIST' ? 'SECRET_FILE_EXISTS' : 'SECRET_FILE_UNWRITABLE', `cannot create ${dest.path} (${code ?? 'error'})`, 'name a new file in a directory only you can read');
  }
  return (s: string) => {
    try {
      writeSync(fd, s);
    } finally {
      closeSync(fd);
    }
  };
}

/**
 * Registers an operator whose key stays on their own device: the CA gets a client identity with the role and
 * operator-id attributes (into every certificate) and a random one-time secret (max one enrolment). The ticket
 * goes to `dest`; the network keeps only the role and the enrolment id. The certificate arrives later, when the
 * operator enrols a CSR through their gateway (`POST /api/v1/enrolments`).
 */
export async function issueEnrolmentTicket(t: Topology, org: DepartmentOrg, operatorId: string, role: string, dest: TicketDestination): Promise<Omit<EnrolmentTicket, 'secret'>> {
  const write = openDestination(dest);
  const enrollmentId = enrollmentIdOf(org.name, operatorId);
  const ticket: EnrolmentTicket = {
    kind: 'govchain-enrolment-ticket', org: org.name, mspId: org.mspId, operatorId, role, enrollmentId, secret: randomBytes(18).toString('base64url'),
  };
  const userDir = paths.user(org.name, operatorId);
  try {
    await registerIdentity(caEndpointOf(t, org), registrarOf(org), {
      id: enrollmentId, type: 'client', secret: ticket.secret, maxEnrollments: 1,
      attrs: [{ name: ROLE_ATTR, value: role, ecert: true }, { name: OPERATOR_ATTR, value: operatorId, ecert: true }],
    });
  } catch (err) {
    if (dest.kind === 'file') rmSync(dest.path, { force: true });
    const key = err instanceof CaError ? err.key : 'CA_UNAVAILABLE';
    throw new NetworkError(key, `registering ${enrollmentId} failed: ${(err as Error).message ?? String(err)}`, 'check the CA log (npm run network:logs)');
  }
  mkdirSync(join(userDir, 'msp', 'signcerts'), { recursive: true });
  writeFileSync(join(userDir, 'role'), role);
  writeFileSync(join(userDir, 'enrolment.json'), JSON.stringify({ enrollmentId, role, keyHolder: 'operator', registeredAt: new Date().toISOString() }, null, 2));
  write(`${JSON.stringify(ticket, null, 2)}\n`);
  const { secret: _secret, ...withoutSecret } = ticket;
  return withoutSecret;
}
