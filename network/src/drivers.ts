import { composeDriver } from './compose-driver';
import { NodeContext, NodeDef } from './catalogue';
import { nativeDriver } from './native-driver';
import { driverName } from './placement';
import { ManagedProcess, NetworkState } from './processes';
import { Topology } from './topology';

type Log = (s: string) => void;

/**
 * What runs the nodes. The bring-up steps (steps.ts), restart and the fault helpers are the same for every driver;
 * a driver only starts nodes, tells whether one still runs, and stops or removes them all.
 */
export interface Driver {
  name: 'native' | 'compose';
  /** Starts the given nodes of the catalogue (none of them running) and returns their records. */
  start(ctx: NodeContext, defs: NodeDef[]): Promise<ManagedProcess[]>;
  /** True while the recorded node runs. */
  running(p: ManagedProcess): boolean;
  /** Stops every node, keeping all data; returns how many were stopped. */
  stopAll(t: Topology, state: NetworkState | undefined, log: Log): Promise<number>;
  /** Removes what the driver created besides the data directory (containers, volumes, the network). */
  removeAll(t: Topology, log: Log): Promise<void>;
  /** Prints the last lines of every node's log. */
  logs(t: Topology, state: NetworkState, lines: number): Promise<void>;
}

/** The driver GOVCHAIN_DRIVER selects (native by default). */
export function driver(): Driver {
  return driverName() === 'compose' ? composeDriver : nativeDriver;
}
