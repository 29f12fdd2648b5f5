import type { UseStore } from 'idb-keyval' with { 'resolution-mode': 'import' };

/** An operator's key as the browser keeps it: a non-extractable CryptoKey plus the certificate once enrolled. */
export interface StoredOperatorKey {
  mspId: string;
  operatorId: string;
  /** Structured-cloned by IndexedDB as a CryptoKey: usable to sign, its bytes unreadable. */
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  certificatePem?: string;
  createdAt: string;
}

/** Operator keys in this browser's IndexedDB, one per MSP and operator. */
export interface KeyStore {
  save(key: StoredOperatorKey): Promise<void>;
  load(mspId: string, operatorId: string): Promise<StoredOperatorKey | undefined>;
  list(): Promise<Array<{ mspId: string; operatorId: string }>>;
  remove(mspId: string, operatorId: string): Promise<void>;
}

const id = (mspId: string, operatorId: string) => `${mspId}/${operatorId}`;

/**
 * Opens the key store (IndexedDB database `name`, via idb-keyval). Keys are generated non-extractable
 * (generateOperatorKey), so what the store holds can sign in this origin but can never be exported, not even by
 * the page's own scripts; clearing the site's data destroys the key (the operator then enrols anew).
 */
export function openKeyStore(name = 'govchain-operator-keys'): KeyStore {
  // idb-keyval is an ES module; loaded on first use so the package also loads where IndexedDB is absent (Node).
  const lib = import('idb-keyval');
  let store: Promise<UseStore> | undefined;
  const open = () => (store ??= lib.then((m) => m.createStore(name, 'keys')));
  return {
    save: async (key) => (await lib).set(id(key.mspId, key.operatorId), key, await open()),
    load: async (mspId, operatorId) => (await lib).get<StoredOperatorKey>(id(mspId, operatorId), await open()),
    list: async () => ((await (await lib).keys(await open())) as IDBValidKey[]).map((k) => {
      const [mspId = '', operatorId = ''] = String(k).split('/');
      return { mspId, operatorId };
    }),
    remove: async (mspId, operatorId) => (await lib).del(id(mspId, operatorId), await open()),
  };
}
