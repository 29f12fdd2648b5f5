// Direct @hyperledger/fabric-gateway clients, one gRPC connection per org peer, as enrolled operators.
// They sign with the gateway's native (OpenSSL) signer: the load generator shares the 2 cores with the system under
// test, and fabric-gateway's pure-JS signer (~0.5 ms per signature, 2 per submit) would take CPU from the SUT and
// lower every direct figure (P9 above all). The REST gateways sign the same way, so direct and REST compare fairly.
import { Buffer } from 'node:buffer';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadConnectionProfile, operatorGateway, peerConnection } from '@govchain/network';
import { hash } from '@hyperledger/fabric-gateway';

const require = createRequire(import.meta.url);

/**
 * The gateway's native signer, or undefined (older commits without it: the client library's signer is used). It comes
 * from the gateway's package entry; commits from before that entry existed had it only in the build output.
 */
function nativeSigner() {
  for (const from of ['@govchain/gateway', '../../gateway/dist/fabric/native-signer.js']) {
    try {
      const signer = require(from).newNativeSigner;
      if (signer) return signer;
    } catch {
      // not in this commit: try the next place
    }
  }
  return undefined;
}

/** Which signer the direct clients use (recorded in the results file). */
export const DIRECT_SIGNER = nativeSigner() ? 'native OpenSSL ECDSA (gateway/dist/fabric/native-signer.js)' : 'fabric-gateway private-key signer (pure JS)';

const utf8 = (b) => Buffer.from(b).toString('utf8');

/** Opens clients lazily; `close()` closes every gateway and connection. */
export function directClients() {
  const profile = loadConnectionProfile();
  const conns = new Map();
  const gateways = new Map();
  const org = (name) => {
    const o = profile.orgs.find((x) => x.name === name || x.mspId === name);
    if (!o) throw new Error(`org ${name} is not in the connection profile`);
    return o;
  };
  const connection = (o) => {
    if (!conns.has(o.name)) conns.set(o.name, peerConnection(o));
    return conns.get(o.name);
  };
  /** The contract (chaincode, whole name space) of one operator. */
  const contract = (orgName, operatorId) => {
    const key = `${orgName}/${operatorId}`;
    if (!gateways.has(key)) {
      const o = org(orgName);
      const sign = nativeSigner();
      const op = o.operators.find((x) => x.id === operatorId);
      const overrides = sign && op ? { signer: sign(createPrivateKey(readFileSync(op.keyPath))), hash: hash.none } : {};
      const gw = operatorGateway(connection(o), o, operatorId, overrides);
      gateways.set(key, { gw, contract: gw.getNetwork(profile.channel).getContract(profile.chaincode) });
    }
    return gateways.get(key).contract;
  };
  return {
    profile,
    org,
    contract,
    /** Submits and waits for the commit; throws unless the commit status is VALID. Returns the parsed result. */
    async submit(orgName, operatorId, fn, args, opts = {}) {
      const proposal = contract(orgName, operatorId).newProposal(fn, { arguments: args, ...opts });
      const tx = await proposal.endorse();
      const commit = await tx.submit();
      const status = await commit.getStatus();
      if (!status.successful) throw Object.assign(new Error(`${fn} ${tx.getTransactionId()} invalid: ${status.code}`), { key: `TX_INVALID_${status.code}` });
      return parse(utf8(tx.getResult()));
    },
    async evaluate(orgName, operatorId, fn, args) {
      return parse(utf8(await contract(orgName, operatorId).evaluateTransaction(fn, ...args)));
    },
    close() {
      for (const { gw } of gateways.values()) gw.close();
      for (const c of conns.values()) c.close();
    },
  };
}

function parse(s) {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

/** The stable chaincode error key of a Fabric error, if its details carry GovChain error JSON. */
export function errorKey(err) {
  const texts = [err?.message, ...(err?.details ?? []).map((d) => d.message)].filter(Boolean);
  for (const t of texts) {
    const m = /"key":"([A-Z_]+)"/.exec(t);
    if (m) return m[1];
  }
  return err?.key ?? err?.code ?? 'UNKNOWN';
}
