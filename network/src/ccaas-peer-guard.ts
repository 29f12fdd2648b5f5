/**
 * Preloaded into the chaincode server (`node --require <this file> fabric-shim/cli.js server …`). TLS already
 * demands a client certificate that chains to a department CA; Fabric CA issues operators' enrolment
 * certificates from those same CAs, so this guard also demands that the certificate names OU `peer` (the
 * NodeOU of peers). An operator's key therefore cannot drive the chaincode (for example to use it as an oracle
 * of subject keys); the connection is ended with PERMISSION_DENIED before the chaincode registers.
 */
import type { PeerCertificate } from 'node:tls';

/** PERMISSION_DENIED in gRPC's status codes. */
const PERMISSION_DENIED = 7;

/** True when a client certificate's subject names the `peer` organisational unit. */
export function isPeerCertificate(cert: Pick<PeerCertificate, 'subject'> | undefined): boolean {
  const ou = cert?.subject?.OU as string | string[] | undefined;
  return (Array.isArray(ou) ? ou : [ou]).includes('peer');
}

interface AuthStream {
  getAuthContext?: () => { sslPeerCertificate?: PeerCertificate };
  emit(event: 'error', err: { code: number; details: string }): boolean;
}

/** Wraps fabric-shim's ChaincodeServer#connect (resolved from the chaincode workspace, the server's cwd). */
export function installPeerGuard(serverModulePath: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ChaincodeServer = require(serverModulePath) as { prototype: { connect(stream: AuthStream): void } };
  const connect = ChaincodeServer.prototype.connect;
  ChaincodeServer.prototype.connect = function guarded(this: unknown, stream: AuthStream): void {
    const cert = stream.getAuthContext?.().sslPeerCertificate;
    if (!isPeerCertificate(cert)) {
      process.stderr.write(`chaincode server: refused a client whose certificate is not a peer's (subject ${JSON.stringify(cert?.subject ?? null)})\n`);
      stream.emit('error', { code: PERMISSION_DENIED, details: 'only peers may connect to the chaincode service' });
      return;
    }
    connect.call(this, stream);
  };
}

if (require.main !== module && process.env.GOVCHAIN_CCAAS_PEER_GUARD === '1') {
  installPeerGuard(require.resolve('fabric-shim/lib/server.js', { paths: [process.cwd()] }));
}
