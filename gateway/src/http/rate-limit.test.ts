import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../../testing/test-app';

test('rate limiting is per operator: the third request in a minute gets 429, another operator is unaffected', async () => {
  const t = await startTestApp({ rateLimitPerMinute: 2 });
  try {
    const get = (sub: string, role: string) =>
      fetch(`${t.url}/api/v1/properties/ABC-123456`, { headers: { authorization: `Bearer ${t.token({ sub, role })}` } });
    assert.equal((await get('registrar1', 'registrar')).status, 200);
    assert.equal((await get('registrar1', 'registrar')).status, 200);
    const limited = await get('registrar1', 'registrar');
    assert.equal(limited.status, 429);
    assert.equal(((await limited.json()) as { error: { key: string } }).error.key, 'RATE_LIMITED');
    assert.equal((await get('clerk1', 'clerk')).status, 200);
  } finally {
    await t.close();
  }
});
