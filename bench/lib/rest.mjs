// REST client for the department gateways: keep-alive HTTP on loopback, dev JWTs from the gateway's token CLI.
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const { profilePath } = createRequire(import.meta.url)('@govchain/network');
const ROOT = resolve(import.meta.dirname, '..', '..');
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** Issues a dev token with the gateway's own CLI (the dev key beside the network's connection profile). */
export function devToken(org, operator, role) {
  return execFileSync(process.execPath, [resolve(ROOT, 'gateway/dist/cli/token.js'), '--org', org, '--operator', operator, '--role', role], {
    encoding: 'utf8', timeout: 20_000, env: { ...process.env, GOVCHAIN_CONNECTION_PROFILE: profilePath() },
  }).trim();
}

/** One JSON request; resolves { status, body } for 2xx, rejects with { key, status } otherwise. Loopback only. */
export function request(port, method, path, { token, body, idempotencyKey, timeoutMs = 60_000 } = {}) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  return new Promise((resolvePromise, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = text;
        }
        if (res.statusCode >= 200 && res.statusCode < 300) resolvePromise({ status: res.statusCode, body: json, headers: res.headers });
        else reject(Object.assign(new Error(`${method} ${path} -> ${res.statusCode}`), { key: `HTTP_${res.statusCode}_${json?.error?.key ?? json?.key ?? ''}`, status: res.statusCode, body: json }));
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { key: 'HTTP_TIMEOUT' })));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** True when GET /live answers 2xx within a second. */
export async function live(port) {
  try {
    await request(port, 'GET', '/live', { timeoutMs: 1000 });
    return true;
  } catch {
    return false;
  }
}
