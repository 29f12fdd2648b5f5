import { Topology } from './topology';

/**
 * The topology's peer tuning (`peer` in topology.json) as core.yaml settings: dotted core.yaml paths and their
 * values. Native peers get them written into core.yaml; compose peers get the same as CORE_* environment variables
 * (composeEnv), so one topology file tunes both. Fabric's defaults when the topology leaves them out.
 */
export function peerTuning(t: Pick<Topology, 'peer'>): Record<string, string | number | boolean> {
  const p = t.peer;
  return {
    'peer.limits.concurrency.gatewayService': p.limits.gatewayService,
    'peer.limits.concurrency.endorserService': p.limits.endorserService,
    'peer.limits.concurrency.deliverService': p.limits.deliverService,
    'peer.validatorPoolSize': p.validatorPoolSize,
  };
}

/** The same settings as Fabric's environment overrides: peer.limits.x → CORE_PEER_LIMITS_X. */
export function peerTuningEnv(t: Pick<Topology, 'peer'>): Record<string, string> {
  return Object.fromEntries(Object.entries(peerTuning(t)).map(([k, v]) => [`CORE_${k.replaceAll('.', '_').toUpperCase()}`, String(v)]));
}
