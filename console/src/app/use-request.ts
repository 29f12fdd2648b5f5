import { useCallback, useEffect, useRef, useState } from 'react';
import { isErrorKey } from '@govchain/chaincode/errors';
import { GovChainError } from '@govchain/client';
import { ApiError } from '../api/api-error';
import { ReceiptError } from '../lib/receipts';

/** The state of one request: loading, its data, or its error. */
export interface RequestState<T> {
  loading: boolean;
  data: T | undefined;
  error: ApiError | undefined;
  /** Runs it again. */
  reload(): void;
}

/**
 * Any failure as an ApiError: the gateway's own, a keyed error of the in-browser verifier (ReceiptError: its
 * key and details kept), or anything else as INTERNAL.
 */
const asApiError = (err: unknown): ApiError => {
  if (err instanceof ApiError) return err;
  if (err instanceof ReceiptError) return new ApiError(0, err.key, err.message, err.details);
  if (err instanceof GovChainError) return new ApiError(err.status, err.key, err.message, err.details, err.txId);
  const keyed = err as { key?: unknown; details?: unknown } | null;
  if (err instanceof Error && isErrorKey(keyed?.key)) return new ApiError(0, keyed.key, err.message, keyed.details);
  return new ApiError(0, 'INTERNAL', err instanceof Error ? err.message : String(err));
};

/** Runs `load` when `deps` change (not when `enabled` is false); later answers win over earlier ones. */
export function useRequest<T>(load: () => Promise<T>, deps: readonly unknown[], enabled = true): RequestState<T> {
  const [state, setState] = useState<Omit<RequestState<T>, 'reload'>>({ loading: enabled, data: undefined, error: undefined });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => mine === seq.current && setState({ loading: false, data, error: undefined }),
      (err: unknown) => mine === seq.current && setState({ loading: false, data: undefined, error: asApiError(err) }),
    );
  }, [...deps, tick, enabled]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** A one-shot action (form submit): call `run`, read loading/error. */
export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const run = useCallback(async (...args: A): Promise<T | undefined> => {
    setLoading(true);
    setError(undefined);
    try {
      return await fn(...args);
    } catch (err) {
      setError(asApiError(err));
      return undefined;
    } finally {
      setLoading(false);
    }
  }, [fn]);
  return { run, loading, error, setError };
}
