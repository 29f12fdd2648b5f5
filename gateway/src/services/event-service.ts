import { ApiError } from '../errors/api-error';
import type { Ledger } from '../fabric/ledger';

/** Position of an event in the ledger: block number and transaction index within the block. */
export interface EventPosition {
  block: bigint;
  txIndex: number;
}

/** One Server-Sent Event: id `block:txIndex`, name GovChainEvent, JSON data. */
export interface LedgerEvent {
  id: string;
  event: string;
  data: { blockNumber: number; txIndex: number; txId: string; payload: unknown };
}

/** Parses a Last-Event-ID (`<block>:<txIndex>`), or throws 400 INVALID_ARGUMENT. */
export function parseEventId(id: string): EventPosition {
  const m = /^(\d{1,18}):(\d{1,9})$/.exec(id.trim());
  if (!m) throw new ApiError(400, 'INVALID_ARGUMENT', 'Last-Event-ID must look like <block>:<txIndex>', { header: 'Last-Event-ID' });
  return { block: BigInt(m[1] as string), txIndex: Number(m[2]) };
}

/** Formats an event id. */
export function formatEventId(p: EventPosition): string {
  return `${p.block}:${p.txIndex}`;
}

/** True when position a is strictly after b. */
export function isAfter(a: EventPosition, b: EventPosition): boolean {
  return a.block > b.block || (a.block === b.block && a.txIndex > b.txIndex);
}

/** Who reads the stream: auditors see every org's transactions, other operators only their own org's. */
export interface EventViewer {
  role: string;
}

/**
 * Whether a viewer may see an event. Operators see only transactions submitted by their own org (the
 * envelope's `org`, set by the chaincode from the submitting client's MSP); compliance auditors see every
 * org's. Sealed accesses and sealing orders never emit an event (the chaincode records no change for them),
 * so no one learns of them here; an envelope without an org (older chaincode) is shown to auditors only.
 */
export function visibleTo(viewer: EventViewer, ownMsp: string, payload: unknown): boolean {
  if (viewer.role === 'auditor') return true;
  const org = (payload as { org?: unknown } | null)?.org;
  return typeof org === 'string' && org === ownMsp;
}

/**
 * Streams chaincode events from the ledger. The client holds the checkpoint (Last-Event-ID), so resuming
 * works across gateway restarts: the stream restarts at that block (Fabric startBlock) and skips events
 * at or before the checkpoint, giving no gap and no duplicate.
 */
export class EventService {
  constructor(
    private readonly ledger: Ledger,
    private readonly eventName: string,
    /** MSP of this gateway's org: whose transactions its non-auditor operators see. */
    private readonly mspId: string,
  ) {}

  /**
   * Opens the stream of the events `viewer` may see after `after` (or from `fromBlock`, or from the next block
   * when neither is given). Resolves once the ledger stream is open.
   */
  async open(operatorId: string, viewer: EventViewer, opts: { after?: EventPosition; fromBlock?: bigint; signal: AbortSignal }): Promise<AsyncIterable<LedgerEvent>> {
    const start = opts.after?.block ?? opts.fromBlock ?? (await this.ledger.height(operatorId));
    const source = await this.ledger.openEvents(operatorId, start, opts.signal);
    const { eventName, mspId } = this;
    return (async function* () {
      for await (const ev of source) {
        const pos = { block: ev.blockNumber, txIndex: ev.txIndex };
        if (opts.after && !isAfter(pos, opts.after)) continue;
        if (ev.eventName !== eventName) continue;
        const payload = parsePayload(ev.payload);
        if (!visibleTo(viewer, mspId, payload)) continue;
        yield {
          id: formatEventId(pos),
          event: ev.eventName,
          data: { blockNumber: Number(ev.blockNumber), txIndex: ev.txIndex, txId: ev.txId, payload },
        };
      }
    })();
  }
}

function parsePayload(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
