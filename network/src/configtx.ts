import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { nodeHost, paths } from './paths';
import { serviceHost } from './placement';
import { departments, ordererOrg, Org, Topology } from './topology';

const sig = (rule: string) => ({ Type: 'Signature', Rule: rule });
const meta = (rule: string) => ({ Type: 'ImplicitMeta', Rule: rule });

/** Where configtx.yaml finds each org's MSP and how it names nodes: native paths and 127.0.0.1, or container ones. */
export interface Placement {
  orgDir: (org: string) => string;
  host: (node: string, org: string) => string;
}

/** Placement of configtxgen's run on this machine: the data dir, and each node's service address. */
export const nativePlacement = (t: Topology): Placement => ({ orgDir: (org) => paths.org(org), host: (node, org) => serviceHost(t, nodeHost(node, org, t.domain)) });

/** The configtx.yaml section of one org: MSP, policies, and its orderer endpoints or anchor peer. */
export function orgSection(t: Topology, org: Org, at: Placement): Record<string, unknown> {
  const m = org.mspId;
  const base = {
    Name: m,
    ID: m,
    MSPDir: join(at.orgDir(org.name), 'msp'),
    Policies: {
      Readers: sig(`OR('${m}.member')`),
      Writers: sig(`OR('${m}.member')`),
      Admins: sig(`OR('${m}.admin')`),
      ...(org.kind === 'department' ? { Endorsement: sig(`OR('${m}.peer')`) } : {}),
    },
  };
  if (org.kind === 'orderer') return { ...base, OrdererEndpoints: org.orderers.map((o) => `${at.host(o.name, org.name)}:${o.port}`) };
  return { ...base, AnchorPeers: org.peers.slice(0, 1).map((p) => ({ Host: at.host(p.name, org.name), Port: p.port })) };
}

/** Builds configtx.yaml for the application channel (Raft ordering, V3_0 channel capability) from the topology. */
export function configtx(t: Topology, at: Placement = nativePlacement(t)): Record<string, unknown> {
  const oo = ordererOrg(t);
  const apps = departments(t);
  return {
    Profiles: {
      GovChannel: {
        Policies: { Readers: meta('ANY Readers'), Writers: meta('ANY Writers'), Admins: meta('MAJORITY Admins') },
        Capabilities: { V3_0: true },
        Orderer: {
          OrdererType: 'etcdraft',
          BatchTimeout: t.ordering.batchTimeout,
          BatchSize: {
            MaxMessageCount: t.ordering.maxMessageCount,
            AbsoluteMaxBytes: t.ordering.absoluteMaxBytes,
            PreferredMaxBytes: t.ordering.preferredMaxBytes,
          },
          EtcdRaft: {
            Consenters: oo.orderers.map((o) => ({
              Host: at.host(o.name, oo.name),
              Port: o.port,
              ClientTLSCert: join(at.orgDir(oo.name), 'nodes', o.name, 'tls', 'server.crt'),
              ServerTLSCert: join(at.orgDir(oo.name), 'nodes', o.name, 'tls', 'server.crt'),
            })),
            Options: { TickInterval: '500ms', ElectionTick: 10, HeartbeatTick: 1, MaxInflightBlocks: 5, SnapshotIntervalSize: '16 MB' },
          },
          Organizations: [orgSection(t, oo, at)],
          Policies: {
            Readers: meta('ANY Readers'),
            Writers: meta('ANY Writers'),
            Admins: meta('MAJORITY Admins'),
            BlockValidation: meta('ANY Writers'),
          },
          Capabilities: { V2_0: true },
        },
        Application: {
          Organizations: apps.map((o) => orgSection(t, o, at)),
          Policies: {
            Readers: meta('ANY Readers'),
            Writers: meta('ANY Writers'),
            Admins: meta('MAJORITY Admins'),
            LifecycleEndorsement: meta('MAJORITY Endorsement'),
            Endorsement: meta('MAJORITY Endorsement'),
          },
          Capabilities: { V2_5: true },
        },
      },
    },
  };
}

/** Writes configtx.yaml into the channel directory and returns that directory (configtxgen's -configPath). */
export function writeConfigtx(t: Topology): string {
  const dir = paths.channelDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'configtx.yaml'), stringify(configtx(t)));
  return dir;
}
