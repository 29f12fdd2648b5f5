import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal } from '../auth/principal';
import type { Call } from '../fabric/call';
import type { RouteSpec } from '../http/route-spec';
import { businessRoutes } from './business-routes';
import { copyrightRoutes } from './copyright-routes';
import { governanceRoutes } from './governance-routes';
import { propertyRoutes } from './property-routes';

const ROUTES = [...propertyRoutes(), ...copyrightRoutes(), ...businessRoutes(), ...governanceRoutes()];
const route = (operationId: string): RouteSpec => {
  const r = ROUTES.find((x) => x.operationId === operationId);
  assert.ok(r, operationId);
  return r;
};
const KEY = 'a'.repeat(64);
/** Path parameters go to the handler as given (the mounted route validates them; here only the query's defaults matter). */
const CODE = '91350100M000100Y4X';
const CITIZEN: Principal = { kind: 'citizen', subject: 'c'.repeat(64), org: 'GovServiceCenter' };
const CLERK: Principal = { kind: 'operator', operatorId: 'clerk1', org: 'NaturalResourcesMSP', role: 'clerk' };

/** The chaincode call a GET route makes for path parameters and a raw query (parsed by the route's query schema). */
async function readCall(operationId: string, params: Record<string, string>, query: Record<string, string> = {}, principal: Principal = CLERK) {
  const r = route(operationId);
  let made: Call | undefined;
  const services = { records: { read: async (_p: Principal, c: Call) => ((made = c), {}) } };
  await r.handler({ principal, params, query: r.query ? r.query.parse(query) : {}, body: undefined, idempotencyKey: '', respondAsync: false, services } as never);
  assert.ok(made, `${operationId} calls the chaincode`);
  return [`${made.tx.contract}:${made.tx.name}`, ...made.args];
}

test('the read rows of the route tables send the arguments their transactions declare', async () => {
  const P = 'ABC-123456';
  const cases: Array<[string, Record<string, string>, Record<string, string>, Principal, string[]]> = [
    ['listTitlesByOwner', {}, { owner: KEY, pageSize: '5', bookmark: 'b' }, CLERK, ['Property:ListTitlesByOwner', KEY, '5', 'b']],
    ['myProperties', {}, {}, CITIZEN, ['Property:ListTitlesByOwner', 'c'.repeat(64), '20', '']],
    ['getTitle', { parcel: P }, {}, CLERK, ['Property:GetRecord', 'title', P]],
    ['titleHistory', { parcel: P }, { pageSize: '7' }, CLERK, ['Property:History', 'title', P, '7', '']],
    ['listTransfers', { parcel: P }, {}, CLERK, ['Property:ListTransfers', P, '20', '']],
    ['listEncumbrances', { parcel: P }, {}, CLERK, ['Property:ListEncumbrances', P, '20', '']],
    ['getTransfer', { id: `${P}:T1` }, {}, CLERK, ['Property:GetRecord', 'transfer', `${P}:T1`]],
    ['getEncumbrance', { id: `${P}:E1` }, {}, CLERK, ['Property:GetRecord', 'encumbrance', `${P}:E1`]],
    ['getDeposit', { id: 'CR-1' }, {}, CLERK, ['Copyright:GetRecord', 'deposit', 'CR-1']],
    ['depositHistory', { id: 'CR-1' }, {}, CLERK, ['Copyright:History', 'deposit', 'CR-1', '20', '']],
    ['listCopyrightTransfers', { id: 'CR-1' }, {}, CLERK, ['Copyright:ListTransfers', 'CR-1', '20', '']],
    ['listLicences', { id: 'CR-1' }, {}, CLERK, ['Copyright:ListLicences', 'CR-1', '20', '']],
    ['myCopyrights', {}, {}, CITIZEN, ['Copyright:ListByPerson', 'c'.repeat(64), '20', '']],
    ['getBusiness', { code: CODE }, {}, CLERK, ['Business:Get', CODE]],
    ['businessHistory', { code: CODE }, {}, CLERK, ['Business:History', CODE, '20', '']],
    ['listBusinesses', {}, { legalRepresentative: KEY }, CLERK, ['Business:ListByLegalRepresentative', KEY, '20', '']],
    ['myBusinesses', {}, {}, CITIZEN, ['Business:ListByLegalRepresentative', 'c'.repeat(64), '20', '']],
    ['getDataset', { dataset: 'identity-core' }, {}, CLERK, ['Governance:GetDataset', 'identity-core']],
  ];
  for (const [operationId, params, query, principal, expected] of cases) {
    assert.deepEqual(await readCall(operationId, params, query, principal), expected, operationId);
  }
});

test('the rows refuse what their resource does not name: a query field, an unknown parameter, a citizen on an operator row', () => {
  assert.throws(() => route('listTitlesByOwner').query?.parse({ owner: 'not-a-key' }));
  assert.throws(() => route('listTransfers').params?.parse({ parcel: 'ABC-123456', extra: 'x' }));
  assert.deepEqual(route('myProperties').access, { kind: 'citizen' });
  assert.deepEqual(route('getTitle').access, { kind: 'operator' });
});

test('the write rows of a resource fill its input field from the path; admin rows need the admin role', () => {
  assert.deepEqual(route('amendTitle').input?.pathFields, { parcel: 'parcelNumber' });
  assert.deepEqual(route('approveTransfer').input?.pathFields, { id: 'transferId' });
  assert.deepEqual(route('releaseEncumbrance').input?.pathFields, { id: 'encumbranceId' });
  assert.deepEqual(route('licenceCopyright').input?.pathFields, { id: 'depositId' });
  assert.deepEqual(route('amendBusiness').input?.pathFields, { code: 'code' });
  assert.deepEqual(route('approveDatasetChange').access, { kind: 'operator', roles: ['admin'] });
  assert.deepEqual(route('setMembers').access, { kind: 'operator', roles: ['admin'] });
  assert.deepEqual(route('proposeGrant').access, { kind: 'operator' });
  assert.equal(route('registerTitle').input?.pathFields && Object.keys(route('registerTitle').input?.pathFields ?? {}).length, 0);
});
