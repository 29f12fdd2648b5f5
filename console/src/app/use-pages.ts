import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';
import type { Page } from '../api/types';

/** A list read page by page ("load more"): records so far, the last page's extras, loading and error. */
export function usePages<T>(load: (bookmark: string) => Promise<Page<T>>, deps: readonly unknown[]) {
  const [records, setRecords] = useState<T[]>([]);
  const [last, setLast] = useState<Page<T>>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const seq = useRef(0);
  const fetchPage = useCallback(async (bookmark: string, append: boolean) => {
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    try {
      const page = await load(bookmark);
      if (mine !== seq.current) return;
      setRecords((r) => (append ? [...r, ...page.records] : page.records));
      setLast(page);
    } catch (err) {
      if (mine === seq.current) setError(err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', String(err)));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, deps);
  useEffect(() => {
    void fetchPage('', false);
  }, [fetchPage]);
  return {
    records, last, loading, error,
    more: last?.bookmark ? () => void fetchPage(last.bookmark, true) : undefined,
    reload: () => void fetchPage('', false),
  };
}
