import { Identity } from '../api/identity';
import { amendVersioned, implementSubmit, readVersioned } from '../core';
import { requireIdentityRegistrar } from './access';
import { type IdentityRecord, identityRef, personalDataKey } from './records';
import { type StatusAction, TRANSITIONS, assertTransition } from './rules';

/**
 * Identity:Suspend / Revoke / Reinstate / Erase: an amendment of the public record with reason, legal
 * authority and approver. Erase also purges the personal data from the registrar's collection; the
 * fingerprints stay on the public record.
 */
type StatusSpec = (typeof Identity.tx)['Suspend' | 'Revoke' | 'Reinstate' | 'Erase'];

const changeStatus = (spec: StatusSpec, action: StatusAction) =>
  implementSubmit(spec, async (tx, input) => {
    const { collection } = await requireIdentityRegistrar(tx.ctx);
    const ref = identityRef(tx.stub, input.subjectKey);
    const current = await readVersioned<IdentityRecord>(tx, ref);
    assertTransition(current, action);
    if (action === 'erased') await tx.stub.purgePrivateData(collection, personalDataKey(tx.stub, input.subjectKey));
    const { reason, legalAuthority } = input;
    return amendVersioned<IdentityRecord>(tx, ref, (r) => ({ ...r, status: TRANSITIONS[action].to }), { reason, legalAuthority }, action);
  });

export const suspend = changeStatus(Identity.tx.Suspend, 'suspended');
export const revoke = changeStatus(Identity.tx.Revoke, 'revoked');
export const reinstate = changeStatus(Identity.tx.Reinstate, 'reinstated');
export const erase = changeStatus(Identity.tx.Erase, 'erased');
