/**
 * Applies a partial change to record data, ignoring fields that are absent. Spreading a zod-parsed patch
 * directly would copy `undefined` values, which canonical JSON then drops, silently deleting fields.
 * Property, business and copyright amend records with it.
 */
export function applyPatch<T extends object>(current: T, changes: Partial<T>): T {
  const defined = Object.entries(changes).filter(([, v]) => v !== undefined);
  return { ...current, ...Object.fromEntries(defined) } as T;
}
