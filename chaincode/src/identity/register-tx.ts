import type { Context } from 'fabric-contract-api';
import type { ChaincodeStub } from 'fabric-shim';
import { parseJsonArg } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { registrarPlusOne, setKeyPolicy } from '../core/endorsement-policy';
import { errors } from '../core/error-helpers';
import { getPrivateRecord, privateDataExists } from '../core/state';
import { submit } from '../core/submit';
import { createVersioned } from '../core/versioned';
import { requireIdentityRegistrar } from './identity-policy';
import { IdentityRecord, StagedPersonalData, identityRef, personalDataKey } from './records';
import { RegisterInput, registerSchema } from './schema';

const REGISTRATION = { reason: 'initial registration', legalAuthority: 'Resident Identity Card Law; GB 11643-1999' };

/**
 * Identity:Register: publishes the public identity record for staged personal data. Every endorser checks
 * the private data hash exists; the registrar's own peer, which can read the collection, also checks the
 * fingerprints. The record's key-level policy: registrar peer AND one other member department's peer.
 */
export async function register(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(registerSchema, raw, 'input');
  return submit(ctx, { txName: 'Identity:Register', requestId, input }, async (tx) => {
    const { config, registrarMsp, collection } = await requireIdentityRegistrar(ctx);
    const key = personalDataKey(ctx.stub, input.subjectKey);
    if (!(await privateDataExists(ctx.stub, collection, key))) {
      throw errors.invalidState('no staged personal data for this subject key', { subjectKey: input.subjectKey });
    }
    const staged = await readIfMember(ctx.stub, collection, key);
    if (staged && !matches(staged, input)) throw errors.ruleViolation('fingerprints do not match the staged personal data', { subjectKey: input.subjectKey });
    const ref = identityRef(ctx.stub, input.subjectKey);
    const record: IdentityRecord = { ...input, status: 'active', issuerMsp: registrarMsp };
    const created = await createVersioned(tx, ref, record, REGISTRATION, 'registered');
    await setKeyPolicy(ctx.stub, ref.key, registrarPlusOne(registrarMsp, config.members));
    return created;
  });
}

/** Reads the staged data where this peer holds the collection; other orgs' peers get undefined. */
async function readIfMember(stub: ChaincodeStub, collection: string, key: string): Promise<StagedPersonalData | undefined> {
  try {
    return await getPrivateRecord<StagedPersonalData>(stub, collection, key);
  } catch {
    return undefined;
  }
}

function matches(staged: StagedPersonalData, input: RegisterInput): boolean {
  return staged.stagedTxId === input.stagedTxId && canonicalStringify(staged.fingerprints) === canonicalStringify(input.fingerprints);
}
