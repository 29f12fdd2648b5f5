import { readFileSync } from 'node:fs';
import { ensureDevKeyPair } from '../auth/dev-keys';
import { subjectKeySchema, operatorIdSchema, TOKEN_ROLES, type TokenRole } from '../auth/principal';
import { issueToken } from '../auth/token-issuer';
import { devJwtKeyPaths } from '../config/config';
import { ConfigError } from '../config/config-error';
import { readConnectionProfile } from '../config/connection-profile';
import { departmentAudience } from '../config/schema';
import { parseFlags } from './args';

const USAGE = `usage: npm run token -- --org <org> --operator <id> --role <registrar|clerk|auditor|admin|investigator>
       npm run token -- --org <org> --role citizen --subject <subject key>
options: --ttl <seconds> (default 3600; at most 28800 for operators, 3600 for citizens, or the
         GOVCHAIN_JWT_MAX_LIFETIME_OPERATOR_SEC / _CITIZEN_SEC the gateways use)
         --connection-profile <file> (or GOVCHAIN_CONNECTION_PROFILE; "npm run token" passes the dev network's)
env: GOVCHAIN_JWT_ISSUER (default govchain-dev), GOVCHAIN_JWT_AUDIENCE (default govchain-gateway:<org>, the
     audience of that department's gateway)`;

/** Issues a development token signed with the dev key beside the connection profile (network/.data/secrets); prints it on stdout. */
function main(argv: string[]): number {
  const { flags } = parseFlags(argv);
  const org = flags.get('org');
  const role = flags.get('role') as TokenRole | undefined;
  const sub = role === 'citizen' ? (flags.get('subject') ?? flags.get('operator')) : flags.get('operator');
  const ttl = Number(flags.get('ttl') ?? '3600');
  const problems: string[] = [];
  const profilePath = flags.get('connection-profile') ?? process.env.GOVCHAIN_CONNECTION_PROFILE;
  if (!profilePath) {
    process.stderr.write(`no connection profile: pass --connection-profile or set GOVCHAIN_CONNECTION_PROFILE\n${USAGE}\n`);
    return 2;
  }
  const orgs = readConnectionProfile(profilePath).orgs;
  const dept = orgs.find((d) => d.name === org || d.mspId === org);
  if (!dept) problems.push(`--org must be one of ${orgs.map((d) => d.name).join(', ')}`);
  if (!role || !(TOKEN_ROLES as readonly string[]).includes(role)) problems.push(`--role must be one of ${TOKEN_ROLES.join(', ')}`);
  if (role === 'citizen' && !subjectKeySchema.safeParse(sub).success) problems.push('--subject must be a subject key (64 lower-case hex)');
  if (role && role !== 'citizen' && !operatorIdSchema.safeParse(sub).success) problems.push('--operator must be an operator id such as registrar1');
  const maxTtl = Number(
    role === 'citizen' ? (process.env.GOVCHAIN_JWT_MAX_LIFETIME_CITIZEN_SEC ?? 3600) : (process.env.GOVCHAIN_JWT_MAX_LIFETIME_OPERATOR_SEC ?? 8 * 3600),
  );
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > maxTtl) problems.push(`--ttl must be 1-${maxTtl} seconds for role ${role ?? '?'} (the gateways refuse longer lifetimes)`);
  if (problems.length > 0 || !dept || !role || !sub) {
    process.stderr.write(`${problems.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  const paths = devJwtKeyPaths(profilePath);
  ensureDevKeyPair(paths);
  const token = issueToken({
    org: dept.name,
    sub,
    role,
    issuer: process.env.GOVCHAIN_JWT_ISSUER ?? 'govchain-dev',
    audience: process.env.GOVCHAIN_JWT_AUDIENCE ?? departmentAudience(dept.name),
    expiresInSec: ttl,
    privateKeyPem: readFileSync(paths.privateKeyPath),
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  // A bad connection profile is the caller's to fix (exit 2, like a bad flag); anything else is a failure.
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = err instanceof ConfigError ? 2 : 1;
}
