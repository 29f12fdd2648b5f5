import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiRoutes } from '../routes/routes';
import { buildOpenApiDocument } from './document';
import { withPublicPaths } from '../routes/public-routes';
import { REPO_ROOT } from '../../testing/repo-root';

/** The reviewed API contract (docs/openapi.json); UPDATE_SNAPSHOTS=1 rewrites it. */
const SNAPSHOT = resolve(REPO_ROOT, 'docs', 'openapi.json');

test('the OpenAPI document matches the committed snapshot (UPDATE_SNAPSHOTS=1 to accept a change)', () => {
  const current = `${JSON.stringify(withPublicPaths(buildOpenApiDocument(apiRoutes(), { org: 'GovServiceCenter' })), null, 2)}\n`;
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(SNAPSHOT)) {
    if (process.env.UPDATE_SNAPSHOTS !== '1') assert.fail(`no snapshot at ${SNAPSHOT}; run with UPDATE_SNAPSHOTS=1`);
    writeFileSync(SNAPSHOT, current);
  }
  assert.equal(current, readFileSync(SNAPSHOT, 'utf8'), 'API contract changed: review, then UPDATE_SNAPSHOTS=1');
});

test('every route of issue 5 is in the contract, with its method', () => {
  const doc = buildOpenApiDocument(apiRoutes(), { org: 'GovServiceCenter' });
  const paths = doc.paths ?? {};
  const required: Array<[string, 'get' | 'post']> = [
    ['/api/v1/identities', 'post'], ['/api/v1/identities/{subject}', 'get'], ['/api/v1/identities/{subject}/status', 'post'],
    ['/api/v1/identities/verify', 'post'], ['/api/v1/identities/{subject}/personal-data-access', 'post'],
    ['/api/v1/properties', 'post'], ['/api/v1/properties/{parcel}', 'get'], ['/api/v1/properties/{parcel}/transfers', 'post'],
    ['/api/v1/transfers/{id}/approvals', 'post'], ['/api/v1/transfers/{id}/completion', 'post'], ['/api/v1/properties/{parcel}/encumbrances', 'post'],
    ['/api/v1/encumbrances/{id}/release', 'post'],
    ['/api/v1/businesses', 'post'], ['/api/v1/businesses/{code}', 'get'], ['/api/v1/businesses/{code}/amendments', 'post'],
    ['/api/v1/businesses/{code}/status', 'post'], ['/api/v1/businesses', 'get'],
    ['/api/v1/copyrights', 'post'], ['/api/v1/copyrights/{id}', 'get'], ['/api/v1/copyrights', 'get'], ['/api/v1/copyrights/{id}/certificate', 'get'],
    ['/api/v1/copyrights/{id}/transfers', 'post'], ['/api/v1/copyrights/{id}/licences', 'post'],
    ['/api/v1/audit', 'get'], ['/api/v1/me/access-log', 'get'],
    ['/api/v1/identities/{subject}/history', 'get'], ['/api/v1/properties/{parcel}/history', 'get'], ['/api/v1/businesses/{code}/history', 'get'],
    ['/api/v1/copyrights/{id}/history', 'get'],
    ['/api/v1/governance/config', 'get'], ['/api/v1/catalogue', 'post'], ['/api/v1/grants', 'post'], ['/api/v1/grants/{requesterMsp}/{dataset}/{purpose}/approval', 'post'],
    ['/api/v1/transactions/{txId}', 'get'], ['/api/v1/events', 'get'], ['/live', 'get'], ['/ready', 'get'],
    ['/api/v1/sealing-orders', 'post'], ['/api/v1/sealing-orders/{orderId}/end', 'post'], ['/api/v1/sealing-orders/{orderId}', 'get'],
    ['/api/v1/catalogue/{dataset}/approval', 'post'], ['/api/v1/governance/sealing-orgs', 'post'], ['/api/v1/identities/subject-key', 'post'],
  ];
  for (const [path, method] of required) assert.ok(paths[path]?.[method], `${method.toUpperCase()} ${path} is documented`);
  const posts = Object.values(paths).flatMap((p) => (p?.post ? [p.post] : []));
  for (const op of posts) {
    const params = (op.parameters ?? []) as Array<{ name?: string; in?: string; required?: boolean }>;
    assert.ok(params.some((p) => p.name === 'Idempotency-Key' && p.in === 'header' && p.required), `${op.operationId} requires Idempotency-Key`);
  }
});
