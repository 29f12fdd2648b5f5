#!/usr/bin/env node
// Run inside one test host (ip netns exec <ns> ...): prints the channel's block height on each of the host's peers
// and orderers as JSON, read from their operations endpoints, which listen on that host's loopback only.
import { createRequire } from 'node:module';

const { ledgerHeights, loadTopology } = createRequire(import.meta.url)('../../network/dist/index.js');
console.log(JSON.stringify(await ledgerHeights(loadTopology())));
