import type { z } from 'zod';
import { ApiError } from '../errors/api-error';

/** Validation issues as returned to clients: where and what, never the rejected value. */
export interface IssueDetail {
  in: 'path' | 'query' | 'body';
  path: string;
  message: string;
}

/** Parses one part of a request with its schema, or throws 400 INVALID_ARGUMENT listing every issue. */
export function validatePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: IssueDetail['in']): T {
  if (!schema) return (where === 'body' ? undefined : {}) as T;
  const parsed = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (parsed.success) return parsed.data;
  const issues: IssueDetail[] = parsed.error.issues.map((i) => ({
    in: where,
    path: i.path.map(String).join('.'),
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
  throw new ApiError(400, 'INVALID_ARGUMENT', `invalid ${where === 'path' ? 'path parameter' : where}`, { issues });
}
