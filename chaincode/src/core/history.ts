import type { ChaincodeStub } from 'fabric-shim';
import { parseBytes } from './canonical-json';
import { errors } from './error-helpers';
import { Page, checkPageSize } from './pagination';
import { timestampMillis } from './tx-time';

/** One entry of a key's history; Fabric returns history newest first. */
export interface HistoryEntry<T> {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value: T | null;
}

/**
 * One page of a key's history. getHistoryForKey has no native paging, so the bookmark is the number of
 * entries already returned; the iterator is closed after the page, so a call reads at most
 * bookmark + pageSize + 1 entries.
 */
export async function historyPage<T>(stub: ChaincodeStub, key: string, pageSize: number, bookmark: string): Promise<Page<HistoryEntry<T>>> {
  const size = checkPageSize(pageSize);
  const skip = bookmark === '' ? 0 : Number(bookmark);
  if (!Number.isInteger(skip) || skip < 0 || skip > 100_000) throw errors.invalidArgument('bad history bookmark', { bookmark });
  const iterator = await stub.getHistoryForKey(key);
  const records: HistoryEntry<T>[] = [];
  let seen = 0;
  let more = false;
  try {
    for (let res = await iterator.next(); res.value; res = await iterator.next()) {
      if (seen++ < skip) continue;
      if (records.length === size) { more = true; break; }
      const mod = res.value;
      records.push({
        txId: mod.txId,
        timestamp: new Date(timestampMillis(mod.timestamp)).toISOString(),
        isDelete: mod.isDelete,
        value: mod.isDelete || mod.value.length === 0 ? null : parseBytes<T>(mod.value),
      });
      if (res.done) break;
    }
  } finally {
    await iterator.close();
  }
  return { records, bookmark: more ? String(skip + records.length) : '', fetched: records.length };
}
