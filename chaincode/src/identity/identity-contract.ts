import { Identity } from '../api/identity';
import { defineContract } from '../core';
import { erase, reinstate, revoke, suspend } from './change-status-tx';
import { getIdentity, identityHistory } from './queries';
import { readPersonalData } from './read-personal-data-tx';
import { register } from './register-tx';
import { stagePersonalData } from './stage-personal-data-tx';
import { subjectKey } from './subject-key-tx';
import { verify } from './verify-tx';

/**
 * Digital identity: personal data only in the registrar's private collection (via the transient map),
 * public state only subject key, status, issuer and fingerprints.
 */
export const IdentityContract = defineContract(Identity, [
  stagePersonalData, register, suspend, revoke, reinstate, erase, verify, subjectKey, readPersonalData, getIdentity, identityHistory,
]);
