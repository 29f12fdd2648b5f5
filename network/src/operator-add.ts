import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { enrollOperator } from './ca';
import { NetworkError } from './errors';
import { paths } from './paths';
import { readState } from './processes';
import { writeConnectionProfile } from './profile-writer';
import { ROLES } from '@govchain/chaincode';
import { departments, loadTopology } from './topology';
import { toolchain } from './toolchain';

const USAGE = `usage: npm run operator:add -- --org <org> --operator <id> --role <${ROLES.join('|')}>`;

const flagsSchema = z.strictObject({
  org: z.string().min(1, 'required'),
  operator: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'lower-case letters, digits and dashes, 2-32 characters'),
  role: z.enum(ROLES),
});

/** Parses `--org X --operator id --role r`; throws INVALID_ARGUMENT naming each bad flag. */
export function parseOperatorFlags(argv: string[]): z.infer<typeof flagsSchema> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options: { org: { type: 'string' }, operator: { type: 'string' }, role: { type: 'string' } }, strict: true }).values;
  } catch (err) {
    throw new NetworkError('INVALID_ARGUMENT', (err as Error).message, USAGE);
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new NetworkError('INVALID_ARGUMENT', problems, USAGE);
  }
  return parsed.data;
}

/** Registers and enrols a new operator with its org's Fabric CA and adds it to the connection profile. */
export async function addOperator(argv: string[], log: (s: string) => void = console.log): Promise<void> {
  const flags = parseOperatorFlags(argv);
  const t = loadTopology();
  const org = departments(t).find((o) => o.name === flags.org || o.mspId === flags.org);
  if (!org) throw new NetworkError('INVALID_ARGUMENT', `--org: unknown department "${flags.org}"`, `one of: ${departments(t).map((o) => o.name).join(', ')}`);
  if (!readState()?.ready) throw new NetworkError('NETWORK_NOT_UP', 'the network is not up', 'run "npm run network:up" first');
  if (existsSync(paths.user(org.name, flags.operator))) {
    throw new NetworkError('DUPLICATE', `operator ${flags.operator} is already enrolled in ${org.name}`, 'choose another operator id');
  }
  const msp = await enrollOperator(t, toolchain(), org, flags.operator, flags.role);
  writeConnectionProfile(t);
  log(`[network] enrolled ${flags.operator} (${flags.role}) in ${org.mspId}; certificate carries govchain.role and govchain.operatorId; MSP at ${msp}`);
}
