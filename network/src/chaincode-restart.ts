import { startChaincodeServer, waitChaincodeServer } from './chaincode';
import { NetworkError } from './errors';
import { alive, readState, signalGroup, writeState } from './processes';
import { loadTopology } from './topology';
import { waitFor } from './wait';

/** Restarts the chaincode server on rebuilt code; with CCaaS the package id and the definition stay the same. */
export async function restartChaincode(log: (s: string) => void = console.log): Promise<void> {
  const t = loadTopology();
  const state = readState();
  const old = state?.processes.find((p) => p.kind === 'chaincode');
  if (!state?.packageId || !old) throw new NetworkError('NETWORK_NOT_UP', 'no chaincode server is recorded', 'run "npm run network:up" first');
  signalGroup(old.pid, 'SIGTERM');
  await waitFor('the old chaincode server to exit', async () => !alive(old.pid), 10_000);
  const fresh = startChaincodeServer(t, state.packageId);
  state.processes = state.processes.map((p) => (p === old ? fresh : p));
  writeState(state);
  await waitChaincodeServer(t);
  log(`[network] chaincode server restarted (pid ${fresh.pid})`);
}
