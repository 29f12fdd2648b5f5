import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaClient } from './ca';
import { paths } from './paths';
import { CHAINCODE_NODE, certificateHosts, chaincodeHostOrg } from './placement';
import { departments, DepartmentOrg, Topology } from './topology';
import { NetworkError } from './errors';

/**
 * Mutual TLS between the peers and the chaincode service (CCaaS).
 * - The chaincode server presents a TLS certificate from the governance org's CA (in the native network one
 *   server stands in for every department's) and accepts only clients whose certificate chains to a
 *   department's CA: the peers, which present their own TLS certificates.
 * - The package's connection.json requires TLS and client authentication and pins the server's CA
 *   (`root_cert`). It carries no private key: each peer's own client certificate and key are added at release
 *   time by the ccaas builder from the files GOVCHAIN_CCAAS_CLIENT_CERT / _KEY name (network/builders/ccaas).
 */

/** Environment variables the ccaas builder reads (propagated to it by core.yaml `propagateEnvironment`). */
export const CCAAS_ENV = ['GOVCHAIN_CCAAS_CLIENT_CERT', 'GOVCHAIN_CCAAS_CLIENT_KEY', 'GOVCHAIN_CCAAS_ROOT_CERT'] as const;

/** The department whose CA issues the chaincode server's TLS certificate: the governance org. */
export function chaincodeTlsOrg(t: Topology): DepartmentOrg {
  return chaincodeHostOrg(t);
}

/** Host names the chaincode server's certificate is valid for. */
export function chaincodeServerHosts(t: Topology): string[] {
  return certificateHosts(t, CHAINCODE_NODE, `chaincode.${t.domain}`);
}

/** Files of the native chaincode server's TLS identity and of the CA bundle it trusts for clients. */
export const chaincodeTls = {
  dir: () => join(paths.chaincodeDir(), 'tls'),
  cert: () => join(paths.chaincodeDir(), 'tls', 'server.crt'),
  key: () => join(paths.chaincodeDir(), 'tls', 'server.key'),
  ca: () => join(paths.chaincodeDir(), 'tls', 'ca.crt'),
  clientCas: () => join(paths.chaincodeDir(), 'tls', 'client-cas.pem'),
};

/**
 * Issues the chaincode server's TLS certificate from the governance CA. Its identity type `ccserver` maps to
 * no NodeOU, so the certificate is good for TLS only and is never a valid member, peer or admin of the MSP.
 */
export async function issueChaincodeServerTls(t: Topology, ca: CaClient): Promise<void> {
  const id = `chaincode.${chaincodeTlsOrg(t).name.toLowerCase()}`;
  const secret = await ca.register(id, 'ccserver');
  const dir = chaincodeTls.dir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await ca.enrollTls(id, secret, dir, chaincodeServerHosts(t));
  chmodSync(chaincodeTls.key(), 0o600);
}

/** Writes the CA bundle the server checks client certificates against: every department's TLS root. */
export function writeClientCaBundle(t: Topology): string {
  const pems = departments(t).map((o) => readFileSync(paths.tlsRoot(o.name), 'utf8').trim());
  writeFileSync(chaincodeTls.clientCas(), `${pems.join('\n')}\n`);
  return chaincodeTls.clientCas();
}

/** The connection.json of a CCaaS package: TLS and client authentication required, server CA pinned. */
export function connectionJson(address: string, rootCertPem?: string): Record<string, unknown> {
  return {
    address,
    dial_timeout: '10s',
    tls_required: true,
    client_auth_required: true,
    ...(rootCertPem !== undefined ? { root_cert: rootCertPem } : {}),
  };
}

/** fabric-shim `server` flags that turn on TLS with required client certificates (paths only, no secrets). */
export function chaincodeServerTlsArgs(t: Topology): string[] {
  if (!existsSync(chaincodeTls.cert())) throw new NetworkError('NETWORK_NOT_UP', `no chaincode server certificate at ${chaincodeTls.cert()}`, 'run "npm run network:up" first');
  return [
    `--chaincode-tls-cert-file=${chaincodeTls.cert()}`,
    `--chaincode-tls-key-file=${chaincodeTls.key()}`,
    `--chaincode-tls-client-cacert-file=${writeClientCaBundle(t)}`,
  ];
}

/** The environment a peer gives the ccaas builder: its own TLS certificate and key as the chaincode client identity. */
export function peerCcaasEnv(peerDir: string): Record<string, string> {
  const tls = join(peerDir, 'tls');
  return { GOVCHAIN_CCAAS_CLIENT_CERT: join(tls, 'server.crt'), GOVCHAIN_CCAAS_CLIENT_KEY: join(tls, 'server.key') };
}
