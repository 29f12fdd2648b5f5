import type { ChaincodeStub } from 'fabric-shim';
import type { z } from 'zod';
import { errors } from './error-helpers';

/** Turns zod issues into JSON-safe details (paths and messages only, never the rejected values). */
function issuesOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Validates a value against a schema, or throws INVALID_ARGUMENT naming the argument. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, name: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw errors.invalidArgument(`invalid ${name}`, { argument: name, issues: issuesOf(result.error) });
  return result.data;
}

/** Parses a JSON string argument and validates it, or throws INVALID_ARGUMENT. */
export function parseJsonArg<S extends z.ZodType>(schema: S, raw: string, name: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw errors.invalidArgument(`${name} is not valid JSON`, { argument: name });
  }
  return parseWith(schema, value, name);
}

/** Reads a JSON value from the transient map and validates it; missing key -> INVALID_ARGUMENT. */
export function parseTransient<S extends z.ZodType>(stub: ChaincodeStub, key: string, schema: S): z.infer<S> {
  const bytes = stub.getTransient().get(key);
  if (!bytes || bytes.length === 0) throw errors.invalidArgument(`transient key ${key} missing`, { transientKey: key });
  return parseJsonArg(schema, Buffer.from(bytes).toString('utf8'), `transient ${key}`);
}
