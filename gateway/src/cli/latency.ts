import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { residentIdCheckChar } from '@govchain/chaincode';
import { ensureDevKeyPair } from '../auth/dev-keys';
import { issueToken } from '../auth/token-issuer';
import { departmentAudience } from '../config/schema';
import { devJwtKeyPaths } from '../config/config';
import { parseFlags } from './args';

/** p-th percentile (nearest rank) of sorted samples. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function person(): object {
  const y = 1950 + randomInt(50);
  const m = String(1 + randomInt(12)).padStart(2, '0');
  const d = String(1 + randomInt(28)).padStart(2, '0');
  const first17 = `110105${y}${m}${d}${String(randomInt(1000)).padStart(3, '0')}`;
  return { idNumber: first17 + residentIdCheckChar(first17), name: 'Latency Probe', birthDate: `${y}-${m}-${d}`, address: 'Bench Road 1' };
}

/**
 * Measures p50/p99 latency of identity registration (stage + register, two committed transactions) and of
 * an identity read, sequentially, through a running gateway of the identity registrar org.
 * usage: node gateway/dist/cli/latency.js --url http://127.0.0.1:3001 --org PublicSecurity [--n 50]
 */
async function main(): Promise<void> {
  const { flags } = parseFlags(process.argv.slice(2));
  const url = flags.get('url') ?? 'http://127.0.0.1:3001';
  const org = flags.get('org') ?? 'PublicSecurity';
  const n = Number(flags.get('n') ?? '50');
  const paths = devJwtKeyPaths();
  ensureDevKeyPair(paths);
  const key = readFileSync(paths.privateKeyPath);
  const token = (sub: string, role: 'registrar' | 'clerk') =>
    issueToken({ org, sub, role, issuer: 'govchain-dev', audience: departmentAudience(org), expiresInSec: 3600, privateKeyPem: key });
  const registrar = token('registrar1', 'registrar');
  const clerk = token('clerk1', 'clerk');
  const writes: number[] = [];
  const reads: number[] = [];
  const subjects: string[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/identities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registrar}`, 'content-type': 'application/json', 'idempotency-key': `lat-${randomUUID()}` },
      body: JSON.stringify({ personalData: person() }),
    });
    const body = (await res.json()) as { data?: { subjectKey?: string } };
    writes.push(performance.now() - t0);
    if (res.status !== 201 || !body.data?.subjectKey) throw new Error(`registration failed with ${res.status}`);
    subjects.push(body.data.subjectKey);
  }
  for (let i = 0; i < n * 4; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/identities/${subjects[i % subjects.length]}`, { headers: { authorization: `Bearer ${clerk}` } });
    await res.arrayBuffer();
    reads.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`read failed with ${res.status}`);
  }
  const fmt = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `n=${s.length} p50=${percentile(s, 50).toFixed(1)} ms p99=${percentile(s, 99).toFixed(1)} ms`;
  };
  process.stdout.write(`registration (POST /api/v1/identities: stage + register, 2 commits): ${fmt(writes)}\n`);
  process.stdout.write(`read (GET /api/v1/identities/{subject}): ${fmt(reads)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
});
