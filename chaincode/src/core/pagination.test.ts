import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChaincodeStub } from 'fabric-shim';
import { MemoryLedger, MemoryStub, rejectsWithKey } from '../../testing';
import { MAX_SCAN, pageByPartialKey, pageByRange, partialKeyRange, scanPage } from './pagination';

const SECRET = Buffer.alloc(32, 7);

/** A stub over a ledger holding rows `row\0<owner>\0<n>\0` and simple keys `t|<n>`; counts the scans it serves. */
function fixture() {
  const ledger = new MemoryLedger();
  const put = (k: string, v: unknown) => ledger.state.set(k, Buffer.from(JSON.stringify(v)));
  for (const owner of ['alice', 'bob', 'carol']) for (let n = 0; n < 12; n++) put(`\u0000row\u0000${owner}\u0000${String(n).padStart(2, '0')}\u0000`, { owner, n });
  for (let n = 0; n < 12; n++) put(`t|${String(n).padStart(2, '0')}`, { n });
  const stub = new MemoryStub(ledger, { txId: 'tx1', millis: 0, clientMsp: 'OrgAMSP' });
  let scans = 0;
  const counted = new Proxy(stub, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (String(prop).endsWith('WithPagination')) scans += 1;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as unknown as ChaincodeStub;
  return { stub: counted, ledger, scans: () => scans };
}

type Row = { owner: string; n: number };

describe('core: bookmarks are bound to their query', () => {
  it('pages a partial key with the peer\'s bookmarks', async () => {
    const { stub } = fixture();
    const p1 = await pageByPartialKey<Row>(stub, 'row', ['bob'], 5, '');
    const p2 = await pageByPartialKey<Row>(stub, 'row', ['bob'], 10, p1.bookmark);
    assert.deepEqual([...p1.records, ...p2.records].map((r) => `${r.owner}${r.n}`), Array.from({ length: 12 }, (_, n) => `bob${n}`));
    assert.equal(p2.bookmark, '');
  });

  it('refuses a bookmark outside the partial key (another owner, below, above, the bare prefix of another type) before reading', async () => {
    const { stub, ledger, scans } = fixture();
    const aliceRow = '\u0000row\u0000alice\u000003\u0000';
    // What the peer does with a client's bookmark: it starts the scan there. Unchecked, this reads alice's rows.
    const raw = await new MemoryStub(ledger, { txId: 't', millis: 0, clientMsp: 'OrgAMSP' }).getStateByPartialCompositeKeyWithPagination('row', ['bob'], 3, aliceRow);
    const leaked = await raw.iterator.next();
    assert.equal((JSON.parse(Buffer.from(leaked.value.value).toString()) as Row).owner, 'alice');
    for (const forged of [aliceRow, '\u0000row\u0000', '\u0000row\u0000bo', '\u0000row\u0000carol\u000000\u0000', '\u0000rox\u0000bob\u0000', 't|00', 'zzz']) {
      await rejectsWithKey(pageByPartialKey(stub, 'row', ['bob'], 100, forged), 'INVALID_ARGUMENT');
    }
    assert.equal(scans(), 0, 'nothing was read');
  });

  it('refuses a simple-key bookmark outside [start, end)', async () => {
    const { stub, scans } = fixture();
    const p = await pageByRange<{ n: number }>(stub, 't|03', 't|06', 2, '');
    assert.deepEqual(p.records.map((r) => r.n), [3, 4]);
    assert.deepEqual((await pageByRange<{ n: number }>(stub, 't|03', 't|06', 2, p.bookmark)).records.map((r) => r.n), [5]);
    const before = scans();
    for (const forged of ['t|00', 't|02', 't|06', 't|99', '\u0000row\u0000bob\u0000']) await rejectsWithKey(pageByRange(stub, 't|03', 't|06', 10, forged), 'INVALID_ARGUMENT');
    assert.equal(scans(), before);
  });
});

describe('core: filtered and merged scans', () => {
  const even = (r: Row) => r.n % 2 === 0;
  const scan = (stub: ChaincodeStub, size: number, bookmark: string, query = 'Q', owners = ['bob'], keep: (r: Row) => boolean = even) => scanPage<Row>(stub, {
    query, sources: owners.map((o) => partialKeyRange('row', [o])), decode: (kv) => JSON.parse(Buffer.from(kv.value).toString()) as Row,
    compare: (a, b) => a.n - b.n || (a.owner < b.owner ? -1 : 1), keep, bookmarkKey: SECRET,
  }, size, bookmark);

  it('returns full pages of kept records, with correct bookmarks, that never reveal a skipped key', async () => {
    const { stub } = fixture();
    const pages: number[][] = [];
    let mark = '';
    do {
      const p = await scan(stub, 4, mark);
      pages.push(p.records.map((r) => r.n));
      assert.ok(!p.bookmark.includes('row') && !p.bookmark.includes('bob'), 'opaque bookmark');
      mark = p.bookmark;
    } while (mark !== '');
    assert.deepEqual(pages, [[0, 2, 4, 6], [8, 10]]);
  });

  it('merges sources in order with one bookmark carrying each cursor', async () => {
    const { stub } = fixture();
    const p1 = await scan(stub, 5, '', 'M', ['alice', 'carol'], () => true);
    const p2 = await scan(stub, 30, p1.bookmark, 'M', ['alice', 'carol'], () => true);
    const all = [...p1.records, ...p2.records].map((r) => `${r.owner[0]}${r.n}`);
    assert.equal(all.length, 24);
    assert.deepEqual(all.slice(0, 5), ['a0', 'c0', 'a1', 'c1', 'a2']);
    assert.equal(p2.bookmark, '');
  });

  it('opens only its own bookmarks: another query, other ranges, tampered, raw keys and made-up text are INVALID_ARGUMENT', async () => {
    const { stub, scans } = fixture();
    const p = await scan(stub, 2, '');
    const before = scans();
    const tampered = `${p.bookmark.slice(0, -3)}${p.bookmark.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    for (const [bm, query, owners] of [
      [p.bookmark, 'OtherQuery', ['bob']], [p.bookmark, 'Q', ['alice']], [tampered, 'Q', ['bob']],
      ['\u0000row\u0000alice\u000000\u0000', 'Q', ['bob']], ['b1.', 'Q', ['bob']], ['b1.!!!', 'Q', ['bob']], ['hello', 'Q', ['bob']],
    ] as Array<[string, string, string[]]>) {
      await rejectsWithKey(scan(stub, 10, bm, query, owners), 'INVALID_ARGUMENT');
    }
    assert.equal(scans(), before, 'nothing was read');
  });

  it('stays bounded: at most MAX_SCAN records per call, and resumes where it stopped', async () => {
    const ledger = new MemoryLedger();
    for (let n = 0; n < MAX_SCAN + 50; n++) ledger.state.set(`\u0000row\u0000bob\u0000${String(n).padStart(5, '0')}\u0000`, Buffer.from(JSON.stringify({ owner: 'bob', n })));
    const stub = new MemoryStub(ledger, { txId: 'tx', millis: 0, clientMsp: 'OrgAMSP' }) as unknown as ChaincodeStub;
    const last = (r: Row) => r.n >= MAX_SCAN + 40;
    const p1 = await scan(stub, 5, '', 'Q', ['bob'], last);
    assert.deepEqual(p1.records, []);
    assert.notEqual(p1.bookmark, '', 'more to read');
    const p2 = await scan(stub, 5, p1.bookmark, 'Q', ['bob'], last);
    assert.deepEqual(p2.records.map((r) => r.n), [1040, 1041, 1042, 1043, 1044]);
  });
});
