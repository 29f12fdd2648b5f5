import type { Context } from 'fabric-contract-api';
import { parseJsonArg } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { registrarPlusOne, setKeyPolicy } from '../core/endorsement-policy';
import { errors } from '../core/error-helpers';
import { sha256Hex } from '../core/hashing';
import { submit } from '../core/submit';
import { createVersioned } from '../core/versioned';
import { requireIdentityRegistrar } from './identity-policy';
import { IdentityRecord, identityRef, stagingReceipt, stagingReceiptKey } from './records';
import { registerSchema } from './schema';

const REGISTRATION = { reason: 'initial registration', legalAuthority: 'Resident Identity Card Law; GB 11643-1999' };

/**
 * Identity:Register: publishes the public identity record for staged personal data. Every endorser, member
 * of the registrar's collection or not, checks that the on-chain hash of the staging receipt equals the hash
 * of this input, so the fingerprints are the ones computed from the staged data. It reads no private data:
 * a private read would restrict endorsement to the collection's only member. The record's key-level
 * policy: registrar peer AND one other member department's peer.
 */
export async function register(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(registerSchema, raw, 'input');
  return submit(ctx, { txName: 'Identity:Register', requestId, input }, async (tx) => {
    const { config, registrarMsp, collection } = await requireIdentityRegistrar(ctx);
    const onChain = await ctx.stub.getPrivateDataHash(collection, stagingReceiptKey(ctx.stub, input.subjectKey));
    if (!onChain || onChain.length === 0) {
      throw errors.invalidState('no staged personal data for this subject key', { subjectKey: input.subjectKey });
    }
    if (Buffer.from(onChain).toString('hex') !== sha256Hex(canonicalStringify(stagingReceipt(input)))) {
      throw errors.ruleViolation('fingerprints do not match the staged personal data', { subjectKey: input.subjectKey });
    }
    const ref = identityRef(ctx.stub, input.subjectKey);
    const record: IdentityRecord = { ...input, status: 'active', issuerMsp: registrarMsp };
    const created = await createVersioned(tx, ref, record, REGISTRATION, 'registered');
    await setKeyPolicy(ctx.stub, ref.key, registrarPlusOne(registrarMsp, config.members));
    return created;
  });
}
