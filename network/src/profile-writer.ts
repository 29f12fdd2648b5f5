import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caName } from './ca';
import { endorsementPolicy } from './chaincode';
import { caRootCertPath } from './operator-ticket';
import { nodeHost, paths } from './paths';
import { ConnectionProfile, OperatorIdentity, profilePath } from './profile';
import { caNodeName, endpoint, serviceHost } from './placement';
import { departments, ordererOrg, Topology } from './topology';

/** Lists the operators enrolled for an org (from its users directory), topology operators and later additions alike. */
export function enrolledOperators(orgName: string): OperatorIdentity[] {
  const dir = join(paths.org(orgName), 'users');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((id) => existsSync(join(dir, id, 'role')))
    .sort()
    .map((id) => ({
      id,
      role: readFileSync(join(dir, id, 'role'), 'utf8').trim() as OperatorIdentity['role'],
      certPath: join(dir, id, 'msp', 'signcerts', 'cert.pem'),
      keyPath: join(dir, id, 'msp', 'keystore', 'key.pem'),
    }));
}

/** Writes network/.data/connection-profile.json: what gateways and tests need to reach each department. */
export function writeConnectionProfile(t: Topology): ConnectionProfile {
  const profile: ConnectionProfile = {
    channel: t.channel,
    chaincode: t.chaincode.name,
    endorsementPolicy: endorsementPolicy(t),
    createdAt: new Date().toISOString(),
    orgs: departments(t).map((o) => ({
      name: o.name,
      mspId: o.mspId,
      peerEndpoint: endpoint(t, nodeHost(o.peers[0]!.name, o.name, t.domain), o.peers[0]!.port),
      peerHostAlias: nodeHost(o.peers[0]!.name, o.name, t.domain),
      tlsRootCertPath: paths.tlsRoot(o.name),
      caUrl: `https://${serviceHost(t, caNodeName(o))}:${o.ca.port}`,
      caName: caName(o),
      caTlsCertPath: caRootCertPath(o.name),
      caCertPath: join(paths.orgMsp(o.name), 'cacerts', 'ca.pem'),
      gatewayPort: o.gatewayPort,
      governs: o.governs === true,
      registers: o.registers,
      usersDir: join(paths.org(o.name), 'users'),
      operators: enrolledOperators(o.name),
    })),
    trustAnchors: [...departments(t), ordererOrg(t)].map((o) => ({ mspId: o.mspId, caCertPath: join(paths.orgMsp(o.name), 'cacerts', 'ca.pem') })),
  };
  writeFileSync(profilePath(), JSON.stringify(profile, null, 2));
  return profile;
}
