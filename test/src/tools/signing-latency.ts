import { randomUUID } from 'node:crypto';
import { GovChainClient } from '@govchain/client';
import { devOperatorSigner } from '../support/client-signing';
import { BECAUSE, startGateway, tokenFor } from '../gateway/gateway-support';
import { randomCitizen } from '@govchain/testing';

/** p-th percentile (nearest rank) of samples. */
function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

const fmt = (xs: number[]) => `n=${xs.length} p50=${percentile(xs, 50).toFixed(1)} ms p99=${percentile(xs, 99).toFixed(1)} ms`;

/**
 * The latency client signing adds to a REST write, one client, in one run: the same operator (registrar1 of
 * PublicSecurity) and the same gateway, alternating gateway-signed (its development key, no Prefer) and
 * client-signed (`Prefer: sign=client`, the same key held by @govchain/client) requests, so drift hits both
 * alike. Writes: an identity status change (one transaction, two client signatures) and a registration (two
 * transactions, four signatures). Needs the network up (under a slot); starts and stops its own gateway.
 * usage: node test/dist/tools/signing-latency.js [--n 100]
 */
async function main(): Promise<void> {
  const i = process.argv.indexOf('--n');
  const n = i > 0 ? Number(process.argv[i + 1]) : 100;
  if (!Number.isInteger(n) || n < 5 || n > 2000) throw new Error('--n must be an integer between 5 and 2000');
  const gw = await startGateway('PublicSecurity', { GOVCHAIN_DEV_OPERATOR_KEYS: 'true', GOVCHAIN_RATE_LIMIT_PER_MINUTE: '100000' });
  try {
    const token = tokenFor('PublicSecurity', 'registrar1', 'registrar', 3600);
    const plain = new GovChainClient({ baseUrl: gw.url, token, retries: 0 });
    const signed = new GovChainClient({ baseUrl: gw.url, token, retries: 0, signer: await devOperatorSigner('PublicSecurity', 'registrar1') });
    const subject = (await plain.post<{ data: { subjectKey: string } }>('/api/v1/identities', { personalData: randomCitizen() })).data.subjectKey;
    const samples = { status: { gateway: [] as number[], client: [] as number[] }, register: { gateway: [] as number[], client: [] as number[] } };
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    // Warm both paths (connections, JIT) before measuring.
    for (const c of [plain, signed]) await c.post(`/api/v1/identities/${subject}/status`, { action: 'suspend', ...BECAUSE }).then(() => c.post(`/api/v1/identities/${subject}/status`, { action: 'reinstate', ...BECAUSE }));
    for (let k = 0; k < n; k++) {
      for (const [mode, c] of (k % 2 === 0 ? [['gateway', plain], ['client', signed]] : [['client', signed], ['gateway', plain]]) as Array<['gateway' | 'client', GovChainClient]>) {
        samples.status[mode].push(await time(() => c.post(`/api/v1/identities/${subject}/status`, { action: 'suspend', ...BECAUSE }, { idempotencyKey: `lat-${randomUUID()}` })));
        // Undone (not timed) so that the other mode measures the very same change.
        await c.post(`/api/v1/identities/${subject}/status`, { action: 'reinstate', ...BECAUSE });
      }
      if (k < n / 2) {
        for (const [mode, c] of [['gateway', plain], ['client', signed]] as Array<['gateway' | 'client', GovChainClient]>) {
          samples.register[mode].push(await time(() => c.post('/api/v1/identities', { personalData: randomCitizen() })));
        }
      }
    }
    const added = (a: number[], b: number[], p: number) => (percentile(b, p) - percentile(a, p)).toFixed(1);
    process.stdout.write(`status change (1 transaction; client: 2 signatures, 3 HTTP exchanges)\n  gateway-signed ${fmt(samples.status.gateway)}\n  client-signed  ${fmt(samples.status.client)}\n  added: p50 ${added(samples.status.gateway, samples.status.client, 50)} ms, p99 ${added(samples.status.gateway, samples.status.client, 99)} ms\n`);
    process.stdout.write(`registration (2 transactions; client: 4 signatures, 5 HTTP exchanges)\n  gateway-signed ${fmt(samples.register.gateway)}\n  client-signed  ${fmt(samples.register.client)}\n  added: p50 ${added(samples.register.gateway, samples.register.client, 50)} ms, p99 ${added(samples.register.gateway, samples.register.client, 99)} ms\n`);
  } finally {
    await gw.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
});
