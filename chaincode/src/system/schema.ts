/** System schemas: probe ids and the records and answers of the System contract. */
import { z } from 'zod';

/** A probe id: written once, so it plays the request id's part. */
export const probeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'probeId must be 1-64 of [A-Za-z0-9_-]');

/** A network probe record: the transaction timestamp and the submitting MSP (no personal data). */
export const probeRecordSchema = z.strictObject({ at: z.string(), mspId: z.string(), probeId: z.string(), txId: z.string() });

/** System:Ping's answer. */
export const pingSchema = z.strictObject({ pong: z.literal(true), version: z.string() });
