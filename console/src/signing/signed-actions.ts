import type { SignedStep } from '@govchain/client';

/** One action the operator signed in this tab: what it was, its transactions, and the key that signed each step. */
export interface SignedAction {
  at: string;
  /** What the operator did, e.g. `POST /api/v1/identities`. */
  action: string;
  status: number;
  /** The transaction the route reports (the last one of the action). */
  txId?: string;
  steps: SignedStep[];
}

const KEY = 'govchain.console.signed-actions';
/** The tab keeps the latest actions only. */
const LIMIT = 50;

/** The actions signed in this tab (sessionStorage, like the session itself), newest first. */
export function signedActions(storage: Storage = window.sessionStorage): SignedAction[] {
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as SignedAction[]) : [];
  } catch {
    return [];
  }
}

/** Records a signed action (newest first, at most LIMIT kept). */
export function recordSignedAction(a: SignedAction, storage: Storage = window.sessionStorage): void {
  storage.setItem(KEY, JSON.stringify([a, ...signedActions(storage)].slice(0, LIMIT)));
}
