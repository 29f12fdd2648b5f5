/**
 * Hostile requests generated from a gateway's own OpenAPI document with fast-check, and the rules a gateway's
 * answers must obey: no 5xx, no dropped connection, and every 4xx carries an error key. Used by the bounded
 * e2e suite (test/src/gateway/gateway-hostile.e2e.test.ts) and by `npm run bench -- --hostile --count N`.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

/** The part of a JSON Schema (OpenAPI 3.1) the generator reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** One operation of the document. */
export interface Operation {
  method: 'get' | 'post';
  path: string;
  params: Array<{ name: string; in: 'path' | 'query' | 'header'; schema: JsonSchema }>;
  body?: JsonSchema;
}

/** Tokens the generator may attach, by kind (valid ones are for the gateway under test). */
export interface TokenSet {
  operators: Record<string, string>;
  citizen: string;
}

/** Attack categories; every generated request names one (the report counts by category). */
export const CATEGORIES = [
  'schema', 'types', 'bounds', 'unicode', 'nesting', 'numbers', 'bookmark', 'path', 'duplicate-keys', 'encoding', 'headers', 'raw-http',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A generated request. `raw` requests are written byte for byte to a socket (malformed HTTP). */
export interface HostileRequest {
  category: Category;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  raw?: Buffer;
}

/** What came back. */
export interface Outcome {
  status: number;
  /** error.key of a JSON error body, when there is one. */
  key?: string;
  /** A transport failure: the connection was reset or closed without a response. */
  transport?: string;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; schema?: JsonSchema }>; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Operations of an OpenAPI document with `$ref`s resolved. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const resolve = (s: JsonSchema | undefined, depth = 0): JsonSchema | undefined => {
    if (!s || depth > 20) return s;
    if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')], depth + 1);
    const out: JsonSchema = { ...s };
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v, depth + 1) ?? {}]));
    if (s.items) out.items = resolve(s.items, depth + 1) ?? {};
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const) if (s[k]) out[k] = s[k]!.map((x) => resolve(x, depth + 1) ?? {});
    return out;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (method !== 'get' && method !== 'post') continue;
      const params = (op.parameters ?? [])
        .filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header')
        .map((p) => ({ name: p.name, in: p.in as 'path' | 'query' | 'header', schema: resolve(p.schema) ?? {} }));
      const body = resolve(op.requestBody?.content?.['application/json']?.schema);
      ops.push({ method, path, params, ...(body ? { body } : {}) });
    }
  }
  return ops;
}

// ---- hostile building blocks ----------------------------------------------------------------------------

/** Percent-encodes any string; lone surrogates (which have no UTF-8 form) become U+FFFD first. */
const enc = (s: string): string => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));

const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009b'];
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u2028', '\u2029'];
const ODD = ['\ud800', '\udfff', '\ufeff', '\ufffe', '\uffff', '\u200b', '\u200d', '\u{10ffff}', '\u{1f600}', 'ǅ', 'İ', 'ﬁ', '\u0301', '𝕏', '中文', 'العربية'];
const SPECIAL = ['', ' ', 'null', 'undefined', 'true', '0', '-1', 'NaN', 'Infinity', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '{}', '[]',
  '{"$gt":""}', "' OR 1=1 --", '<script>alert(1)</script>', '${jndi:ldap://x}', '%s%s%n', '../../etc/passwd', '..\\..\\windows', '\\', '/', '*', '?', '#', '%'];

/** Strings built to break validators, encoders, and the key and bookmark handling behind them. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...CONTROL, ...BIDI, ...ODD), fc.string({ maxLength: 10 })).map(([a, c, b]) => `${a}${c}${b}`),
  fc.array(fc.constantFrom(...CONTROL, ...BIDI, ...ODD), { minLength: 1, maxLength: 8 }).map((a) => a.join('')),
  fc.constantFrom(255, 256, 1024, 1025, 4096, 65_537, 200_000).map((n) => 'A'.repeat(n)),
);

/** Numbers at and past every boundary JSON and JavaScript have. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, 100, 101, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e308, -1e308, Number.MIN_VALUE, Number.EPSILON),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value, nested a little. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Raw JSON number literals that JSON.parse turns into Infinity, -0 or a silently rounded value. */
const HUGE_NUMBER_LITERALS = ['1e400', '-1e400', '123456789012345678901234567890', '0.000000000000000000000000000000000001', '-0', '1E+9999999', '9'.repeat(5000), '1.7976931348623157e309'];

/** Bookmarks a client could forge: other keys' composite-key forms, range ends, encodings, oversize. */
export const forgedBookmark: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\u0000', '\u0000\u0000', '\u{10ffff}', '\uffff', '~', '\u0000audit\u0000', '\u0000identity\u0000', '\u0000property\u0000', '\u0000business\u0000',
    '\u0000copyright\u0000', '\u0000grant\u0000', '\u0000catalogue\u0000', 'audit', 'identity~', 'z'.repeat(1024), 'z'.repeat(1025), '\u0000\u{10ffff}', '%00', 'null'),
  fc.tuple(fc.constantFrom('audit', 'identity', 'property', 'business', 'copyright', 'access', 'subject', 'idem', 'gov'), fc.array(hostileString, { maxLength: 3 }))
    .map(([t, attrs]) => `\u0000${t}\u0000${attrs.map((a) => `${a}\u0000`).join('')}`),
  fc.string({ unit: 'binary', maxLength: 64 }).map((s) => Buffer.from(s).toString('base64')),
  hostileString,
);

/** Path segments that attack routing and decoding: traversal, encoded separators, bad percent-encoding, overlong. */
const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('..', '.', '%2e%2e', '%2E%2E%2F', '..%2f..%2f', '%2F', '%5C', '%00', '%', '%zz', '%E0%A4%A', '%C0%AE', '%252e%252e', '%FF%FE', ';', '%3B', '~', 'A'.repeat(5000),
    '%u002e', '.%00.', 'a%0d%0aSet-Cookie:x', '%0a', '%09', '%20'),
  hostileString.map((s) => enc(s)),
  fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')),
);

/** A value that satisfies a schema most of the time (pattern, enum, bounds), so requests get past shallow checks. */
export function fromSchema(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts && alts.length > 0) return fc.oneof(...alts.map((a) => fromSchema(a, depth + 1)));
  if (s.allOf && s.allOf.length > 0) return fromSchema(s.allOf[0]!, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string': {
      if (s.pattern) {
        try {
          return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 1024));
        } catch {
          // fall through to plain strings
        }
      }
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60) });
    }
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(s.items ?? {}, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) });
    case 'object': {
      const props = s.properties ?? {};
      const required = s.required ?? [];
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromSchema(v, depth + 1)])), { requiredKeys: required.filter((k) => k in props) });
    }
    default:
      return hostileValue;
  }
}

/** A value of the wrong JSON type for a schema. */
function wrongType(s: JsonSchema): fc.Arbitrary<unknown> {
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  const all: Array<fc.Arbitrary<unknown>> = [hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.array(hostileValue, { maxLength: 3 }), fc.dictionary(fc.string(), hostileValue, { maxKeys: 3 })];
  const keep = all.filter((_, i) => !((type === 'string' && i === 0) || ((type === 'integer' || type === 'number') && i === 1) || (type === 'boolean' && i === 2) || (type === 'array' && i === 4) || (type === 'object' && i === 5)));
  return fc.oneof(...keep);
}

/** Strings just inside and just outside a schema's length bounds. */
function boundary(s: JsonSchema): fc.Arbitrary<unknown> {
  const lengths = [0, 1, s.minLength !== undefined ? s.minLength - 1 : 0, s.minLength ?? 0, s.maxLength ?? 64, (s.maxLength ?? 64) + 1, (s.maxLength ?? 64) * 4].filter((n) => n >= 0);
  const items = [s.minItems ?? 0, (s.maxItems ?? 20) + 1, 1000];
  if (s.type === 'array') return fc.constantFrom(...items).map((n) => Array.from({ length: n }, () => 'a'.repeat(64)));
  if (s.type === 'integer' || s.type === 'number') {
    return fc.constantFrom((s.minimum ?? 0) - 1, s.minimum ?? 0, s.maximum ?? 100, (s.maximum ?? 100) + 1, 2 ** 53 + 1, -(2 ** 53) - 1, 0.5);
  }
  return fc.tuple(fc.constantFrom(...lengths), fc.constantFrom('a', 'é', '中', '😀', ' ')).map(([n, c]) => c.repeat(n));
}

/** Replaces one leaf of a value (by a path into it) with a hostile one. */
function mutateLeaves(value: unknown, schema: JsonSchema, pick: (s: JsonSchema) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const leaves: Array<{ path: string[]; schema: JsonSchema }> = [];
  const walk = (s: JsonSchema, path: string[], depth: number) => {
    if (depth > 5) return;
    if (s.type === 'object' && s.properties) for (const [k, v] of Object.entries(s.properties)) walk(v, [...path, k], depth + 1);
    leaves.push({ path, schema: s });
  };
  walk(schema, [], 0);
  return fc.tuple(fc.constantFrom(...leaves), fc.nat()).chain(([leaf]) =>
    pick(leaf.schema).map((hostile) => {
      if (leaf.path.length === 0) return hostile;
      const copy = structuredClone(value ?? {}) as Record<string, unknown>;
      let cur: Record<string, unknown> = copy;
      for (const k of leaf.path.slice(0, -1)) {
        if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
        cur = cur[k] as Record<string, unknown>;
      }
      cur[leaf.path[leaf.path.length - 1]!] = hostile;
      return copy;
    }),
  );
}

const withUnicode = (s: JsonSchema): fc.Arbitrary<unknown> =>
  s.type === 'string' || s.type === undefined
    ? fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...CONTROL, ...BIDI, ...ODD), fc.string({ maxLength: 12 })).map(([a, c, b]) => `${a}${c}${b}`)
    : hostileValue;

function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

// ---- requests ---------------------------------------------------------------------------------------------

/** Who a request claims to be. Valid tokens get hostile input past authentication, to the deep layers. */
function authArb(tokens: TokenSet, op: Operation): fc.Arbitrary<string | undefined> {
  // Valid admin tokens never reach governance writes: a hostile body that happens to be valid must not rewrite
  // the registrar map or membership that other suites on the same network rely on.
  const governanceWrite = op.method === 'post' && op.path.startsWith('/api/v1/governance/');
  const operators = Object.entries(tokens.operators).filter(([role]) => !(governanceWrite && role === 'admin')).map(([, t]) => t);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...operators).map((t) => `Bearer ${t}`) },
    { weight: 2, arbitrary: fc.constant(`Bearer ${tokens.citizen}`) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, 'Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'a'.repeat(9000)}`, 'Bearer e30.e30.', 'Bearer ..', `bearer ${operators[0]}`) },
  );
}

function fillPath(op: Operation, segment: (name: string, schema: JsonSchema) => fc.Arbitrary<string>): fc.Arbitrary<string> {
  const names = op.params.filter((p) => p.in === 'path');
  if (names.length === 0) return fc.constant(op.path);
  return fc.tuple(...names.map((p) => segment(p.name, p.schema))).map((values) => {
    let path = op.path;
    names.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i]!)));
    return path;
  });
}

const validSegment = (_n: string, s: JsonSchema) => fromSchema(s).map((v) => enc(String(v)));


function queryString(pairs: Array<[string, string]>): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`;
}

function queryArb(op: Operation, hostile: boolean): fc.Arbitrary<string> {
  const qs = op.params.filter((p) => p.in === 'query');
  if (qs.length === 0) return hostile ? fc.array(fc.tuple(hostileString, hostileString), { maxLength: 3 }).map(queryString) : fc.constant('');
  return fc
    .tuple(...qs.map((p) => fc.option(hostile ? fc.oneof(hostileString, fromSchema(p.schema).map(String)) : fromSchema(p.schema).map(String), { nil: undefined })))
    .map((vals) => queryString(qs.flatMap((p, i) => (vals[i] === undefined ? [] : [[p.name, vals[i] as string] as [string, string]]))));
}

function jsonBody(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value) ?? 'null');
}

/** Builds the arbitrary of hostile requests for one operation. */
function requestFor(op: Operation, tokens: TokenSet): fc.Arbitrary<HostileRequest> {
  const method = op.method === 'get' ? 'GET' : 'POST';
  const body = op.body ?? { type: 'object', properties: {} };
  const base = (category: Category, path: fc.Arbitrary<string>, payload: fc.Arbitrary<Buffer | undefined>, headers: fc.Arbitrary<Record<string, string>> = fc.constant({})) =>
    fc.tuple(authArb(tokens, op), path, payload, headers).map(([auth, p, b, h]): HostileRequest => {
      const hs: Record<string, string> = {};
      if (auth !== undefined) hs.authorization = auth;
      if (method === 'POST') {
        hs['content-type'] = 'application/json';
        hs['idempotency-key'] = `hostile-${randomUUID()}`;
      }
      return { category, method, path: p, headers: { ...hs, ...h }, ...(b !== undefined && method === 'POST' ? { body: b } : {}) };
    });
  const validPath = fc.tuple(fillPath(op, validSegment), queryArb(op, false)).map(([p, q]) => p + q);
  const mutated = (pick: (s: JsonSchema) => fc.Arbitrary<unknown>) => fromSchema(body).chain((v) => mutateLeaves(v, body, pick)).map(jsonBody);
  const valid = fromSchema(body).map(jsonBody);
  const bookmarkQuery = op.params.some((p) => p.name === 'bookmark')
    ? fc.tuple(fillPath(op, validSegment), forgedBookmark, fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined })).map(
        ([p, b, size]) => `${p}${queryString([['bookmark', b], ...(size !== undefined ? [['pageSize', String(size)] as [string, string]] : [])])}`,
      )
    : undefined;
  const arbs: Array<fc.Arbitrary<HostileRequest>> = [
    base('schema', validPath, valid),
    base('types', validPath, mutated(wrongType)),
    base('bounds', validPath, mutated(boundary)),
    base('unicode', fc.tuple(fillPath(op, (_n, s) => withUnicode(s).map((v) => enc(String(v)))), queryArb(op, true)).map(([p, q]) => p + q), mutated(withUnicode)),
    base('nesting', validPath, fc.tuple(fc.constantFrom(64, 1_000, 10_000, 100_000), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => Buffer.from(nested(d, k)))),
    base('numbers', fc.tuple(fillPath(op, (_n) => fc.constantFrom(...HUGE_NUMBER_LITERALS)), fc.constantFrom(...HUGE_NUMBER_LITERALS)).map(([p, n]) => `${p}?pageSize=${n}`),
      fc.tuple(fromSchema(body), fc.constantFrom(...HUGE_NUMBER_LITERALS)).map(([v, n]) => {
        const text = JSON.stringify(v) ?? '{}';
        return Buffer.from(text.startsWith('{') && text !== '{}' ? text.replace(/:("[^"]*"|\d+|true|false|null)/, `:${n}`) : `{"pageSize":${n}}`);
      })),
    base('path', fillPath(op, () => hostileSegment).chain((p) => fc.constantFrom(p, `/${p}`, `${p}/`, p.replace('/api/v1/', '/api/v1/../v1/'), p.replace('/api/v1/', '/API/V1/'), `${p};x=1`, p.replace('/api/', '/api/%2e%2e/api/'), `${p}?__proto__[x]=1`)), valid),
    base('duplicate-keys', validPath, fromSchema(body).map((v) => {
      const text = JSON.stringify(v) ?? '{}';
      const first = /^\{"([^"]+)":/.exec(text);
      return Buffer.from(first ? `{"${first[1]}":"__dup__",${text.slice(1)}` : '{"a":1,"a":2}');
    })),
    base('encoding', validPath, fc.constantFrom(
      Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\ufeff{}'), Buffer.from('{"a":"\\ud800"}'),
      Buffer.from('{"a":"\\u0000"}'), Buffer.from('{'), Buffer.from('{"a":'), Buffer.from(''), Buffer.from('null'), Buffer.from('[]'), Buffer.from('"str"'), Buffer.from('123'),
      Buffer.from('{"a":1}garbage'), gzipSync(Buffer.from('{}')), Buffer.from('x'.repeat(70_000)),
    ), fc.constantFrom<Record<string, string>>(
      {}, { 'content-type': 'application/json; charset=utf-16' }, { 'content-type': 'application/json; charset=latin1' }, { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' }, { 'content-type': 'multipart/form-data; boundary=x' }, { 'content-encoding': 'gzip' },
      { 'content-encoding': 'br' }, { 'content-encoding': 'identity, gzip, deflate' }, { 'content-type': 'application/merge-patch+json' }, { 'content-type': '' },
    )),
    base('headers', validPath, valid, fc.record({
      'idempotency-key': fc.oneof(hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '?')), fc.constantFrom('', ' ', 'a'.repeat(129), 'x'.repeat(8000))),
      prefer: fc.constantFrom('respond-async', 'respond-async, wait=100', 'return=minimal', 'x'.repeat(300)),
      'last-event-id': fc.constantFrom('1:1', '-1:0', '99999999999999999999:1', 'abc', '1:1:1', ''),
      accept: fc.constantFrom('*/*', 'text/html', 'application/xml', ''),
    }, { requiredKeys: [] }).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>)),
    fc.tuple(authArb(tokens, op), fc.constantFrom(
      'GET /\u0000 HTTP/1.1', 'GET / HTTP/9.9', 'BREW /live HTTP/1.1', 'GET /live HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5', 'POST /api/v1/identities HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n',
      `GET /live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}`, 'GET /live HTTP/1.1\r\nHo st: x', 'GET /live HTTP/1.1\r\nHost: x\r\nBad\u0001Header: 1', `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x`,
    )).map(([, line]) => ({ category: 'raw-http' as const, method: 'GET' as const, path: '(raw)', headers: {}, raw: Buffer.from(`${line}\r\n\r\n`, 'latin1') })),
  ];
  if (bookmarkQuery) arbs.push(base('bookmark', bookmarkQuery, valid), base('bookmark', bookmarkQuery, valid));
  return fc.oneof(...arbs);
}

/** The arbitrary of hostile requests over every operation of the document. */
export function hostileRequests(ops: readonly Operation[], tokens: TokenSet): fc.Arbitrary<HostileRequest> {
  return fc.oneof(...ops.map((o) => requestFor(o, tokens)));
}

// ---- sending and judging ----------------------------------------------------------------------------------

function rawSend(base: URL, raw: Buffer, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: base.hostname, port: Number(base.port) });
    let data = '';
    const done = (o: Outcome) => {
      socket.destroy();
      resolve(o);
    };
    socket.setTimeout(timeoutMs, () => done(data ? parseRaw(data) : { status: 0, transport: 'timeout' }));
    socket.on('data', (d: Buffer) => {
      data += d.toString('latin1');
      if (/\r\n\r\n/.test(data)) {
        const o = parseRaw(data);
        const len = /content-length: *(\d+)/i.exec(data)?.[1];
        const bodyStart = data.indexOf('\r\n\r\n') + 4;
        if (len === undefined || data.length - bodyStart >= Number(len)) done(o);
      }
    });
    socket.on('end', () => done(data ? parseRaw(data) : { status: 0, transport: 'closed without response' }));
    socket.on('error', (e) => done(data ? parseRaw(data) : { status: 0, transport: e.message }));
    socket.write(raw);
  });
}

function parseRaw(text: string): Outcome {
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  return { status, ...keyOf(body) };
}

function keyOf(text: string): { key?: string } {
  try {
    const parsed = JSON.parse(text) as { error?: { key?: unknown } };
    return typeof parsed?.error?.key === 'string' ? { key: parsed.error.key } : {};
  } catch {
    return {};
  }
}

/** Sends one request to a gateway; never throws. Event streams are closed as soon as their status is known. */
export async function send(baseUrl: string, req: HostileRequest, timeoutMs = 60_000): Promise<Outcome> {
  const base = new URL(baseUrl);
  if (req.raw) return rawSend(base, req.raw, 10_000);
  try {
    const res = await fetch(baseUrl + req.path, {
      method: req.method,
      headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status };
    }
    return { status: res.status, ...keyOf(await res.text()) };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    // The client itself refused to send it (an invalid header value, a URL it cannot parse): not the gateway's answer.
    if (e.name === 'TypeError' && !e.cause) return { status: -1, transport: `client refused: ${e.message ?? ''}` };
    if (e.cause?.code === 'UND_ERR_INVALID_ARG' || /invalid (header|URL)/i.test(e.cause?.message ?? '')) return { status: -1, transport: `client refused: ${e.cause?.message ?? ''}` };
    return { status: 0, transport: `${e.name ?? 'Error'}: ${e.cause?.code ?? e.cause?.message ?? e.message ?? ''}` };
  }
}

/** What is wrong with an answer, or undefined when it is acceptable. */
export function violation(o: Outcome): string | undefined {
  if (o.status === -1) return undefined;
  if (o.status === 0) return `no response (${o.transport ?? 'unknown'})`;
  if (o.status >= 500) return `HTTP ${o.status}${o.key ? ` ${o.key}` : ''}`;
  if (o.status >= 400 && !o.key) return `HTTP ${o.status} without an error key`;
  return undefined;
}

/** Tally of a run. */
export interface HostileReport {
  seed: number;
  requests: number;
  clientRefused: number;
  byStatusClass: Record<string, number>;
  fourxxByKey: Record<string, number>;
  fivexx: number;
  noResponse: number;
  fourxxWithoutKey: number;
  byCategory: Record<string, number>;
  /** Count of each kind of violation ("category: problem"). */
  violationKinds: Record<string, number>;
  violations: Array<{ category: Category; method: string; path: string; problem: string; body?: string }>;
}

/**
 * Generates `count` hostile requests (seeded, reproducible) and sends them round-robin to the gateways,
 * `concurrency` at a time (gateway i uses seed + i). Returns the tally with up to three example requests per
 * kind of violation.
 */
export async function runHostile(o: {
  gateways: Array<{ url: string; ops: Operation[]; tokens: TokenSet }>;
  count: number;
  seed: number;
  concurrency: number;
  onProgress?: (done: number, report: HostileReport) => void;
}): Promise<HostileReport> {
  const report: HostileReport = { seed: o.seed, requests: 0, clientRefused: 0, byStatusClass: {}, fourxxByKey: {}, fivexx: 0, noResponse: 0, fourxxWithoutKey: 0, byCategory: {}, violationKinds: {}, violations: [] };
  const perGateway = o.gateways.map((g, i) => fc.sample(hostileRequests(g.ops, g.tokens), { numRuns: Math.ceil(o.count / o.gateways.length), seed: o.seed + i }));
  const jobs: Array<{ url: string; req: HostileRequest }> = [];
  for (let i = 0; jobs.length < o.count; i++) {
    const g = i % o.gateways.length;
    const req = perGateway[g]![Math.floor(i / o.gateways.length)];
    if (!req) break;
    jobs.push({ url: o.gateways[g]!.url, req });
  }
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { url, req } = jobs[next++]!;
      const out = await send(url, req);
      report.requests++;
      report.byCategory[req.category] = (report.byCategory[req.category] ?? 0) + 1;
      if (out.status === -1) report.clientRefused++;
      else {
        const cls = out.status === 0 ? 'none' : `${Math.floor(out.status / 100)}xx`;
        report.byStatusClass[cls] = (report.byStatusClass[cls] ?? 0) + 1;
      }
      if (out.status >= 400 && out.status < 500 && out.key) report.fourxxByKey[out.key] = (report.fourxxByKey[out.key] ?? 0) + 1;
      if (out.status >= 500) report.fivexx++;
      if (out.status === 0) report.noResponse++;
      if (out.status >= 400 && out.status < 500 && !out.key) report.fourxxWithoutKey++;
      const problem = violation(out);
      if (problem) {
        const kind = `${req.category}: ${problem}`;
        report.violationKinds[kind] = (report.violationKinds[kind] ?? 0) + 1;
        // Up to three examples of each kind, so one frequent failure cannot hide another.
        if (report.violationKinds[kind]! <= 3 && report.violations.length < 100) {
          report.violations.push({ category: req.category, method: req.method, path: req.path.slice(0, 300), problem, ...(req.body ? { body: req.body.toString('utf8').slice(0, 300) } : {}) });
        }
      }
      if (o.onProgress && report.requests % 500 === 0) o.onProgress(report.requests, report);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return report;
}
