import { Topology } from './topology';

/**
 * The topology's peer tuning (`peer` in topology.json) as core.yaml settings: dotted core.yaml paths and their
 * values, written into every peer's core.yaml; compose peers mount the same core.yaml, so one topology file tunes
 * both. Fabric's defaults when the topology leaves them out.
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

