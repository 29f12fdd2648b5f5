import type { z } from 'zod';
import type { KeyStub } from '../core/keys';
import type { probeRecordSchema } from './schema';

/** Composite-key object types of the system family. */
export const SYSTEM_KEYS = { probe: 'probe' } as const;

/** A network probe record. */
export type ProbeRecord = z.infer<typeof probeRecordSchema>;

/** Key of a probe record. */
export const probeKey = (stub: KeyStub, probeId: string): string => stub.createCompositeKey(SYSTEM_KEYS.probe, [probeId]);
