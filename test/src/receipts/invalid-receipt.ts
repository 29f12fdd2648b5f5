import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { buildReceipt, type Receipt } from '@govchain/verifier';
import { buildRealDeps, createMetrics, loadConfig } from '@govchain/gateway';
import { profilePath } from '@govchain/network';
import { connectAs } from '../support/fabric';
import { BECAUSE, registerCitizen, type TestGateway } from '../gateway/gateway-support';

const ENDORSEMENT_POLICY_FAILURE = 10;

/**
 * Commits the single-department forgery of the key-level-policy tests: a Suspend of an identity endorsed by
 * the registrar's peer alone. Fabric orders it and marks it ENDORSEMENT_POLICY_FAILURE; returns its tx id.
 */
export async function forgedSuspension(ps: TestGateway): Promise<string> {
  const subject = await registerCitizen(ps);
  const registrar = connectAs('PublicSecurity', 'registrar1');
  try {
    const tx = await registrar.contract('Identity').newProposal('Suspend', {
      arguments: [`forge-${randomUUID()}`, JSON.stringify({ ...BECAUSE, subjectKey: subject })], endorsingOrganizations: [registrar.org.mspId],
    }).endorse();
    const status = await (await tx.submit()).getStatus();
    assert.equal(status.code, ENDORSEMENT_POLICY_FAILURE, `validation code ${status.code}`);
    return tx.getTransactionId();
  } finally {
    registrar.close();
  }
}

/**
 * Builds a receipt for a transaction the gateway refuses to issue one for (it was invalidated), from the same
 * raw bytes and the same code the gateway uses, so the verifier can be shown to reject it.
 */
export async function invalidReceipt(txId: string): Promise<Receipt> {
  const config = loadConfig({ GOVCHAIN_GATEWAY_ORG: 'PublicSecurity', GOVCHAIN_LOG_LEVEL: 'silent', GOVCHAIN_CONNECTION_PROFILE: profilePath() });
  const deps = buildRealDeps(config, createMetrics(false));
  try {
    const source = deps.receiptSource;
    const processed = await source.processedTransaction('registrar1', txId);
    assert.equal(processed.validationCode, ENDORSEMENT_POLICY_FAILURE);
    const block = await source.blockByTxId('registrar1', txId);
    const number = BigInt(common.Block.deserializeBinary(block).getHeader()?.getNumber() ?? 0);
    const built = await buildReceipt({
      channel: source.channel, txId, block, previousBlock: await source.blockByNumber('registrar1', number - 1n),
      attestations: await source.attest('registrar1', txId, 2), chaincodePolicy: source.chaincodePolicy,
      fetchBlock: (n) => source.blockByNumber('registrar1', n),
    });
    return built.receipt;
  } finally {
    await deps.ledger.close();
  }
}
