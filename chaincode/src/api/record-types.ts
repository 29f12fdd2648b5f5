import { z } from 'zod';

/** Record types that have a registrar org (the governance config's registrar map, the topology's `registers`). */
export const RECORD_TYPES = ['identity', 'property', 'business', 'copyright'] as const;
/** A record type with a registrar. */
export type RecordType = (typeof RECORD_TYPES)[number];
export const recordTypeSchema = z.enum(RECORD_TYPES);
