import { System } from '../api/system';
import { defineContract } from '../core';
import { probe } from './probe-tx';
import { ping, readProbe } from './queries';

/** Liveness and network probes (see access.ts: any identity may call them). */
export const SystemContract = defineContract(System, [ping, probe, readProbe]);
