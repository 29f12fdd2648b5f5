import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { nativePlacement, orgSection } from './configtx';
import { NetworkError } from './errors';
import { exec } from './exec';
import { ordererFlags, peerEnv } from './peercli';
import { DepartmentOrg, Topology } from './topology';
import { Toolchain } from './toolchain';

/**
 * Channel configuration through Fabric's own tools: the peer CLI fetches the config block, configtxlator turns
 * protobuf into JSON and back and computes the update, configtxgen writes a new org's group (MSP, policies,
 * anchor peer) from the same org section the genesis block was made from (configtx.ts).
 */

/** The channel config as configtxlator's JSON shows it (only the part read here is typed). */
export interface ChannelConfig {
  channel_group: { groups: { Application: { groups: Record<string, unknown> } } & Record<string, unknown> } & Record<string, unknown>;
  [k: string]: unknown;
}

/** Runs `fn` with a fresh temporary directory, removed afterwards (nothing is left in the data directory). */
export async function inTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'govchain-config-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The JSON object a Fabric tool printed (its log lines, on stderr, come after stdout in exec's output); COMMAND_FAILED otherwise. */
export function printedJson<T>(out: string): T {
  const start = out.indexOf('{');
  const end = out.lastIndexOf('}');
  if (start < 0 || end < start) throw new NetworkError('COMMAND_FAILED', `expected JSON from a Fabric tool, got: ${out.slice(0, 300)}`);
  try {
    return JSON.parse(out.slice(start, end + 1)) as T;
  } catch (err) {
    throw new NetworkError('COMMAND_FAILED', `a Fabric tool printed no valid JSON (${(err as Error).message}): ${out.slice(0, 300)}`);
  }
}

/** Fetches the channel's current config (the latest config block) as an admin of `as`, decoded to JSON. */
export async function fetchChannelConfig(t: Topology, tc: Toolchain, as: DepartmentOrg): Promise<ChannelConfig> {
  return inTempDir(async (dir) => {
    const block = join(dir, 'config_block.pb');
    await exec(tc.bin('peer'), ['channel', 'fetch', 'config', block, ...ordererFlags(t), '-c', t.channel], { env: peerEnv(t, as), timeoutMs: 60_000 });
    await exec(tc.bin('configtxlator'), ['proto_decode', '--input', block, '--type', 'common.Block', '--output', join(dir, 'block.json')], { timeoutMs: 30_000 });
    const decoded = JSON.parse(readFileSync(join(dir, 'block.json'), 'utf8')) as { data: { data: Array<{ payload: { data: { config: ChannelConfig } } }> } };
    const config = decoded.data.data[0]?.payload.data.config;
    if (!config?.channel_group?.groups?.Application) throw new NetworkError('COMMAND_FAILED', `the config block of ${t.channel} has no Application group`);
    return config;
  });
}

/** The MSP ids of the application orgs in a channel config. */
export function channelMembers(config: ChannelConfig): string[] {
  return Object.keys(config.channel_group.groups.Application.groups).sort();
}

/** A copy of the config with `group` added as the application org `mspId` (the input is not changed). */
export function withOrg(config: ChannelConfig, mspId: string, group: unknown): ChannelConfig {
  const copy = structuredClone(config);
  if (mspId in copy.channel_group.groups.Application.groups) throw new NetworkError('ORG_IN_CHANNEL', `${mspId} is already an org of the channel`);
  copy.channel_group.groups.Application.groups[mspId] = group;
  return copy;
}

/** The org's config group (MSP with its CA and TLS roots and NodeOUs, policies, anchor peer), printed by configtxgen. */
export async function orgGroup(t: Topology, tc: Toolchain, org: DepartmentOrg): Promise<unknown> {
  return inTempDir(async (dir) => {
    writeFileSync(join(dir, 'configtx.yaml'), stringify({ Organizations: [orgSection(t, org, nativePlacement(t))] }));
    return printedJson(await exec(tc.bin('configtxgen'), ['-printOrg', org.mspId, '-configPath', dir], {
      env: { ...process.env, FABRIC_CFG_PATH: dir, FABRIC_LOGGING_SPEC: 'error' }, timeoutMs: 30_000,
    }));
  });
}

/** The ConfigUpdate (protobuf bytes) that turns `from` into `to`, computed by configtxlator. */
export async function computeUpdate(t: Topology, tc: Toolchain, from: ChannelConfig, to: ChannelConfig): Promise<Uint8Array> {
  return inTempDir(async (dir) => {
    const lator = (args: string[]) => exec(tc.bin('configtxlator'), args, { timeoutMs: 30_000 });
    for (const [name, config] of [['from', from], ['to', to]] as const) {
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(config));
      await lator(['proto_encode', '--input', join(dir, `${name}.json`), '--type', 'common.Config', '--output', join(dir, `${name}.pb`)]);
    }
    await lator(['compute_update', '--channel_id', t.channel, '--original', join(dir, 'from.pb'), '--updated', join(dir, 'to.pb'), '--output', join(dir, 'update.pb')]);
    return readFileSync(join(dir, 'update.pb'));
  });
}
