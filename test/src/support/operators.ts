import { after, before } from 'node:test';
import { connectAs, type OperatorClient } from './fabric';

/** The operators a suite signs as, by local name: [org name, operator id]. */
export type OperatorTable = Readonly<Record<string, readonly [org: string, operatorId: string]>>;

/**
 * The operators of the calling `describe` block: each is connected (`connectAs`) in a `before` hook registered
 * here, ahead of the block's own, and closed in an `after` hook. Read them in hooks and tests only; before the
 * block starts they are not connected and reading one throws.
 */
export function operators<const T extends OperatorTable>(table: T): { readonly [K in keyof T]: OperatorClient } {
  const clients = new Map<string, OperatorClient>();
  before(() => {
    for (const [name, [org, operatorId]] of Object.entries(table)) clients.set(name, connectAs(org, operatorId));
  });
  after(() => {
    for (const client of clients.values()) client.close();
    clients.clear();
  });
  const view = {};
  for (const name of Object.keys(table)) {
    Object.defineProperty(view, name, {
      enumerable: true,
      get: () => {
        const client = clients.get(name);
        if (!client) throw new Error(`operator ${name} is read outside its suite (not connected)`);
        return client;
      },
    });
  }
  return view as { readonly [K in keyof T]: OperatorClient };
}
