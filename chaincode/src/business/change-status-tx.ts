import { Business } from '../api/business';
import { amendVersioned, implementSubmit } from '../core';
import { protectBusinessKey, requireBusinessRegistrar } from './access';
import { type BusinessData, businessRef } from './records';
import { STATUS_ACTIONS, type StatusAction, nextStatus } from './rules';

type StatusSpec = (typeof Business.tx)['Suspend' | 'Reinstate' | 'Deregister'];

/** Business:Suspend / Reinstate / Deregister: a status change per {@link STATUS_ACTIONS}. */
const changeStatus = (spec: StatusSpec, action: StatusAction) => implementSubmit(spec, async (tx, input) => {
  const auth = await requireBusinessRegistrar(tx.ctx);
  const ref = businessRef(tx.stub, input.code);
  const record = await amendVersioned<BusinessData>(tx, ref, (b) => ({ ...b, status: nextStatus(b.code, b.status, action) }), input, STATUS_ACTIONS[action].event);
  await protectBusinessKey(tx, auth, ref.key);
  return record;
});

export const suspendBusiness = changeStatus(Business.tx.Suspend, 'suspend');
export const reinstateBusiness = changeStatus(Business.tx.Reinstate, 'reinstate');
export const deregisterBusiness = changeStatus(Business.tx.Deregister, 'deregister');
