import type { OrgProfile } from '@govchain/connection';
import { parsePolicy, renderPolicy } from '@govchain/verifier';
import type { Algorithm } from 'jsonwebtoken';
import type { AppSettings } from './app';
import { ensureDevKeyPair } from './auth/dev-keys';
import { createJwtVerifier, type TokenVerifier } from './auth/jwt-verifier';
import { keyResolverFor } from './auth/key-resolver';
import type { GatewayConfig } from './config/config';
import { ConfigError } from './config/config-error';
import { loadTrustAnchors } from './certificates/trust-anchors';
import { consoleSettingsOf } from './console/console-settings';
import { ConnectionPool } from './fabric/connection';
import { FabricLedger } from './fabric/fabric-ledger';
import { FabricReceiptSource } from './fabric/receipt-source';
import { fileIdentityStore, type IdentityStore } from './fabric/identity-store';
import type { GatewayMetrics } from './observability/metrics';
import type { OrgCa } from './fabric/signing-certificate';
import type { EnrolmentDeps } from './services/enrolment-service';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** The real dependencies of one department gateway. */
export interface RealDeps {
  settings: AppSettings;
  ledger: FabricLedger;
  identities: IdentityStore;
  verifyToken: TokenVerifier;
  orgCa: OrgCa;
  enrolment: EnrolmentDeps;
  receiptSource: FabricReceiptSource;
}

/** The org's CA certificate(s) from the connection profile: the only issuers of certificates clients may sign with. */
export function loadOrgCa(profile: OrgProfile): OrgCa {
  if (!profile.caCertPath || !existsSync(profile.caCertPath)) {
    throw new ConfigError('invalid gateway configuration', [`the connection profile names no CA certificate for ${profile.name}; run "npm run network:up" again`]);
  }
  const pems = readFileSync(profile.caCertPath, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return { mspId: profile.mspId, caCertificates: pems.map((p) => new X509Certificate(p)) };
}

/** Builds the JWT verifier from config (generating the dev key pair if that is the key source). */
export function buildVerifier(config: GatewayConfig): TokenVerifier {
  if (config.jwtKeys.kind === 'dev') ensureDevKeyPair(config.jwtKeys);
  return createJwtVerifier({
    algorithms: config.jwtAlgorithms as Algorithm[],
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    clockToleranceSec: config.jwtClockToleranceSec,
    maxLifetime: { operatorSec: config.jwtMaxLifetimeOperatorSec, citizenSec: config.jwtMaxLifetimeCitizenSec },
    keys: keyResolverFor(config.jwtKeys),
  });
}

/** Builds the Fabric-backed dependencies of the configured department from the connection profile. */
export function buildRealDeps(config: GatewayConfig, metrics: GatewayMetrics): RealDeps {
  const connectionProfile = config.profile;
  const profile = config.department;
  // Without the development flag the gateway loads exactly one private key: its own service identity's.
  const identities = fileIdentityStore(profile.mspId, profile.usersDir, {
    mayHoldKey: (operatorId) => config.devOperatorKeys || operatorId === config.citizenOperator,
  });
  const connections = new ConnectionPool();
  const ledger = new FabricLedger({
    channel: connectionProfile.channel,
    chaincode: connectionProfile.chaincode,
    peer: { endpoint: profile.peerEndpoint, hostAlias: profile.peerHostAlias, tlsRootCertPath: profile.tlsRootCertPath },
    connections,
    identities,
    serviceOperator: config.citizenOperator,
    retry: { maxRetries: config.maxRetries, baseMs: config.retryBaseMs },
    timeouts: { endorseMs: config.endorseTimeoutMs, evaluateMs: config.evaluateTimeoutMs, submitMs: config.submitTimeoutMs, commitMs: config.commitTimeoutMs },
    observer: metrics.fabric,
  });
  const receiptSource = new FabricReceiptSource({
    ledger,
    connections,
    channel: connectionProfile.channel,
    // Stated in canonical form: the verifier refuses any other spelling of a policy.
    chaincodePolicy: renderPolicy(parsePolicy(connectionProfile.endorsementPolicy)),
    ownMspId: profile.mspId,
    peers: connectionProfile.orgs.map((o) => ({ mspId: o.mspId, endpoint: { endpoint: o.peerEndpoint, hostAlias: o.peerHostAlias, tlsRootCertPath: o.tlsRootCertPath } })),
    attestTimeoutMs: config.evaluateTimeoutMs,
  });
  const registrars: AppSettings['registrars'] = {};
  for (const org of connectionProfile.orgs) {
    for (const type of org.registers) registrars[type] = org.mspId;
  }
  const settings: AppSettings = {
    org: { name: config.department.name, mspId: config.department.mspId },
    registrars,
    corsOrigins: config.corsOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    lookupRateLimitPerMinute: config.lookupRateLimitPerMinute,
    ipRateLimitPerMinute: config.ipRateLimitPerMinute,
    readyCacheMs: config.readyCacheMs,
    bodyLimit: config.bodyLimit,
    serviceOperator: config.citizenOperator,
    signingStepTimeoutMs: config.signingStepTimeoutMs,
    console: consoleSettingsOf(config, connectionProfile.orgs.map((o) => o.mspId), { channel: connectionProfile.channel, chaincode: connectionProfile.chaincode }),
    publicRateLimitPerMinute: config.publicRateLimitPerMinute,
    trustAnchors: loadTrustAnchors(connectionProfile.trustAnchors),
    publicUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
    receiptInlineBytes: config.receiptInlineBytes,
  };
  const orgCa = loadOrgCa(profile);
  const enrolment: EnrolmentDeps = {
    ca: { url: profile.caUrl, caName: profile.caName, tlsCertPem: readFileSync(profile.caTlsCertPath) },
    orgName: profile.name,
    usersDir: profile.usersDir,
    identities,
  };
  return { settings, ledger, identities, verifyToken: buildVerifier(config), orgCa, enrolment, receiptSource };
}
