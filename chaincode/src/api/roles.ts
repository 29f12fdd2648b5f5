import { z } from 'zod';

/**
 * Roles carried in the `govchain.role` certificate attribute. `investigator` issues and ends sealing orders
 * (only in the orgs the governance config lists as sealing authorities) and nothing else.
 */
export const ROLES = ['registrar', 'clerk', 'auditor', 'admin', 'investigator'] as const;
/** An operator role. */
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Every role except investigator: who may read public records (least privilege: investigators only seal). */
export const RECORD_READER_ROLES = ['registrar', 'clerk', 'auditor', 'admin'] as const satisfies readonly Role[];

/** The role of a citizen's token: citizens have no Fabric identity and see only their own records. */
export const CITIZEN_ROLE = 'citizen';
/** Every role a gateway token may carry: the operator roles and the citizen's. */
export const TOKEN_ROLES = [...ROLES, CITIZEN_ROLE] as const;
/** A token role. */
export type TokenRole = (typeof TOKEN_ROLES)[number];
