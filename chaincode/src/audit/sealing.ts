import type { ChaincodeStub } from 'fabric-shim';
import { isAnchored } from '../core/anchors';
import { parseBytes } from '../core/canonical-json';
import { GovernanceConfig } from '../core/governance-config';

/**
 * A sealing order: an authority (an investigator of a sealing org) withholds from the citizen, until `endsAt`
 * (at most one year after issue), the accesses that cite it. An order covers one subject, one case and the
 * accesses of one org; it never seals an access by its own issuer. Written once; ended early by an end record,
 * extended by a new order naming it.
 */
export interface SealingOrder {
  orderId: string;
  caseId: string;
  subjectKey: string;
  /** The org whose accesses may cite the order. */
  accessorMsp: string;
  legalAuthority: string;
  reason: string;
  issuerMsp: string;
  issuedBy: string;
  issuedAt: string;
  endsAt: string;
  /** The order this one extends (issued while that one ran), or null. */
  extendsOrderId: string | null;
}

/** Ends an order early (written once, by the order's issuer). */
export interface SealingEnd {
  orderId: string;
  endedAt: string;
  endedBy: string;
  reason: string;
  txId: string;
}

/** Points from an order to the order that extends it (at most one). */
export interface SealingExtension {
  orderId: string;
  extendedBy: string;
}

export const ORDER_TYPE = 'audit.seal.order';
export const END_TYPE = 'audit.seal.end';
export const EXTENSION_TYPE = 'audit.seal.ext';

/** Longest run of one order: one year after it is issued (transaction time). */
export function oneYearAfter(iso: string): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString();
}

export const orderKey = (stub: Pick<ChaincodeStub, 'createCompositeKey'>, id: string) => stub.createCompositeKey(ORDER_TYPE, [id]);
export const endKey = (stub: Pick<ChaincodeStub, 'createCompositeKey'>, id: string) => stub.createCompositeKey(END_TYPE, [id]);
export const extensionKey = (stub: Pick<ChaincodeStub, 'createCompositeKey'>, id: string) => stub.createCompositeKey(EXTENSION_TYPE, [id]);

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
