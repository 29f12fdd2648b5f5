/** Sealing-order chains: reading genuine orders, their ends and extensions, and when their entries are released. */
import type { ChaincodeStub } from 'fabric-shim';
import { type GovernanceConfig, isAnchored, parseBytes } from '../core';
import { type SealingEnd, type SealingExtension, type SealingOrder, endKey, extensionKey, orderKey } from './records';

async function readJson<T>(stub: ChaincodeStub, key: string): Promise<{ value: T; bytes: Uint8Array } | undefined> {
  const bytes = await stub.getState(key);
  if (!bytes || bytes.length === 0) return undefined;
  try {
    return { value: parseBytes<T>(bytes), bytes };
  } catch {
    return undefined;
  }
}

/**
 * Reads a genuine order: present, anchored by its issuer org, and issued by an org the governance config lets
 * seal (a pair of departments could otherwise anchor an order "issued" by one of them).
 */
export async function readOrder(stub: ChaincodeStub, config: GovernanceConfig, orderId: string): Promise<SealingOrder | undefined> {
  const key = orderKey(stub, orderId);
  const found = await readJson<SealingOrder>(stub, key);
  if (!found || found.value.orderId !== orderId || !(config.sealingOrgs ?? []).includes(found.value.issuerMsp)) return undefined;
  return (await isAnchored(stub, found.value.issuerMsp, key, found.bytes)) ? found.value : undefined;
}

/** The genuine end record of an order, if its issuer org ended it. */
export async function readEnd(stub: ChaincodeStub, order: SealingOrder): Promise<SealingEnd | undefined> {
  const key = endKey(stub, order.orderId);
  const found = await readJson<SealingEnd>(stub, key);
  if (!found || found.value.orderId !== order.orderId) return undefined;
  return (await isAnchored(stub, order.issuerMsp, key, found.bytes)) ? found.value : undefined;
}

/** The genuine order extending `order`: issued by the same org while `order` ran, naming it. */
export async function readExtension(stub: ChaincodeStub, config: GovernanceConfig, order: SealingOrder): Promise<SealingOrder | undefined> {
  const found = await readJson<SealingExtension>(stub, extensionKey(stub, order.orderId));
  if (!found || typeof found.value.extendedBy !== 'string') return undefined;
  const next = await readOrder(stub, config, found.value.extendedBy);
  if (!next || next.extendsOrderId !== order.orderId || next.issuerMsp !== order.issuerMsp || next.issuedAt >= order.endsAt) return undefined;
  return next;
}

/** Where an order chain stands: when its entries are released, and the order currently in force. */
export interface SealState {
  /** When the entries citing the chain are released; null for an order that cannot be read (withheld). */
  releasesAt: string | null;
  /** The last order of the chain. */
  current?: SealingOrder;
  ended: boolean;
}

/** Follows an order through its extensions to the order in force and its release time (bounded walk). */
export async function sealState(stub: ChaincodeStub, config: GovernanceConfig, orderId: string): Promise<SealState> {
  let order = await readOrder(stub, config, orderId);
  if (!order) return { releasesAt: null, ended: false };
  for (let hops = 0; hops < 100; hops++) {
    const end = await readEnd(stub, order);
    if (end) return { releasesAt: end.endedAt < order.endsAt ? end.endedAt : order.endsAt, current: order, ended: true };
    const next = await readExtension(stub, config, order);
    if (!next) return { releasesAt: order.endsAt, current: order, ended: false };
    order = next;
  }
  return { releasesAt: order.endsAt, current: order, ended: false };
}

/** Memoises seal states within one query (many entries cite the same order). */
export class SealResolver {
  private readonly cache = new Map<string, Promise<SealState>>();

  constructor(private readonly stub: ChaincodeStub, private readonly config: GovernanceConfig) {}

  /** The state of the chain an order id starts. */
  state(orderId: string): Promise<SealState> {
    let s = this.cache.get(orderId);
    if (!s) {
      s = sealState(this.stub, this.config, orderId);
      this.cache.set(orderId, s);
    }
    return s;
  }

  /** True while an access citing `orderId` is withheld at `now`. */
  async sealedAt(orderId: string, now: string): Promise<boolean> {
    const { releasesAt } = await this.state(orderId);
    return releasesAt === null || releasesAt > now;
  }
}
