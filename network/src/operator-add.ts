import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { enrollOperator } from './ca';
import { NetworkError } from './errors';
import { issueEnrolmentTicket, type TicketDestination } from './operator-ticket';
import { paths } from './paths';
import { readState } from './processes';
import { writeConnectionProfile } from './profile-writer';
import { ROLES } from '@govchain/chaincode';
import { departments, loadTopology } from './topology';
import { toolchain } from './toolchain';

const USAGE =
  `usage: npm run operator:add -- --org <org> --operator <id> --role <${ROLES.join('|')}> ` +
  '[--secret-file <new file>] [--gateway-held-key]';

const flagsSchema = z.strictObject({
  org: z.string().min(1, 'required'),
  operator: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'lower-case letters, digits and dashes, 2-32 characters'),
  role: z.enum(ROLES),
  'secret-file': z.string().min(1).optional(),
  'gateway-held-key': z.boolean().optional(),
});

/** The parsed flags of operator:add. */
export type OperatorFlags = z.infer<typeof flagsSchema>;

/**
 * Parses `--org X --operator id --role r [--secret-file f] [--gateway-held-key]`; throws INVALID_ARGUMENT naming
 * each bad flag. `--gateway-held-key` (development only) and `--secret-file` exclude each other.
 */
export function parseOperatorFlags(argv: string[]): OperatorFlags {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        org: { type: 'string' }, operator: { type: 'string' }, role: { type: 'string' },
        'secret-file': { type: 'string' }, 'gateway-held-key': { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw new NetworkError('INVALID_ARGUMENT', (err as Error).message, USAGE);
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new NetworkError('INVALID_ARGUMENT', problems, USAGE);
  }
  if (parsed.data['gateway-held-key'] && parsed.data['secret-file']) {
    throw new NetworkError('INVALID_ARGUMENT', '--gateway-held-key enrols at once and issues no secret; drop --secret-file', USAGE);
  }
  return parsed.data;
}

/** Output of operator:add: log lines, and the terminal the one-time ticket may be shown on. */
export interface OperatorAddIo {
  log: (s: string) => void;
  /** Set when standard output is a terminal: the ticket is written there once, and nowhere else. */
  terminal?: (s: string) => void;
}

const defaultIo = (): OperatorAddIo => ({ log: console.log, ...(process.stdout.isTTY ? { terminal: (s: string) => void process.stdout.write(s) } : {}) });

/**
 * Adds an operator to an org. By default the operator's key is generated on their own device: the CA registers
 * the identity (role and operator-id attributes) with a one-time secret, and the enrolment ticket is written to
 * `--secret-file` (a new 0600 file) or shown once on the terminal; the gateway later relays the operator's CSR and
 * keeps only the certificate. `--gateway-held-key` is the development shortcut that enrols a key the gateway holds
 * (refused by gateways started with GOVCHAIN_PRODUCTION=true, which load no operator keys).
 */
export async function addOperator(argv: string[], io: OperatorAddIo = defaultIo()): Promise<void> {
  const flags = parseOperatorFlags(argv);
  const t = loadTopology();
  const org = departments(t).find((o) => o.name === flags.org || o.mspId === flags.org);
  if (!org) throw new NetworkError('INVALID_ARGUMENT', `--org: unknown department "${flags.org}"`, `one of: ${departments(t).map((o) => o.name).join(', ')}`);
  const secretFile = flags['secret-file'];
  if (!flags['gateway-held-key'] && !secretFile && !io.terminal) {
    throw new NetworkError('SECRET_DESTINATION_REQUIRED', 'standard output is not a terminal, so the one-time enrolment secret has nowhere safe to go', 'pass --secret-file <new file> (created with mode 0600)');
  }
  if (!readState()?.ready) throw new NetworkError('NETWORK_NOT_UP', 'the network is not up', 'run "npm run network:up" first');
  if (existsSync(paths.user(org.name, flags.operator))) {
    throw new NetworkError('DUPLICATE', `operator ${flags.operator} is already registered in ${org.name}`, 'choose another operator id');
  }
  if (flags['gateway-held-key']) {
    const msp = await enrollOperator(t, toolchain(), org, flags.operator, flags.role);
    writeConnectionProfile(t);
    io.log(`[network] enrolled ${flags.operator} (${flags.role}) in ${org.mspId} with a gateway-held key (development only); MSP at ${msp}`);
    return;
  }
  const dest: TicketDestination = secretFile ? { kind: 'file', path: secretFile } : { kind: 'terminal', write: io.terminal as (s: string) => void };
  const ticket = await issueEnrolmentTicket(t, org, flags.operator, flags.role, dest);
  writeConnectionProfile(t);
  io.log(
    `[network] registered ${flags.operator} (${flags.role}) in ${org.mspId} as ${ticket.enrollmentId}; ` +
      `one-time enrolment ticket ${secretFile ? `written to ${secretFile} (mode 0600)` : 'shown above, once'}. ` +
      'Hand it to the operator, who enrols a key generated on their own device (@govchain/client enrolOperator, or the console).',
  );
}
