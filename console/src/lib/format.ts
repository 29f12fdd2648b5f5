/** A time as the officer reads it: local date and time to the second. */
export function formatTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** A date only. */
export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' });
}

/** The first and last characters of a long hex key, for tables (the full key is in the title and the detail view). */
export const shortKey = (k: string, n = 8): string => (k.length > 2 * n + 1 ? `${k.slice(0, n)}…${k.slice(-4)}` : k);

/** The transaction id behind an access id (imported entries are `<txId>n<index>`). */
export const txIdOfAccess = (accessId: string): string => accessId.replace(/n\d+$/, '');
