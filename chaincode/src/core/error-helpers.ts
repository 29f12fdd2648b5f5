import { ErrorDetails, ErrorKey, GovChainError, govError } from './errors';

type Thrower = (message: string, details?: ErrorDetails) => GovChainError;

/** One factory per key, so call sites read `throw errors.recordNotFound(...)` and cannot mistype a key. */
const factory = (key: ErrorKey): Thrower => (message, details = {}) => govError(key, message, details);

/** Error factories per conventional key; each returns (does not throw) a GovChainError. */
export const errors = {
  invalidArgument: factory('INVALID_ARGUMENT'),
  unauthenticated: factory('UNAUTHENTICATED'),
  forbiddenRole: factory('FORBIDDEN_ROLE'),
  forbiddenOrg: factory('FORBIDDEN_ORG'),
  accessDenied: factory('ACCESS_DENIED'),
  grantRequired: factory('GRANT_REQUIRED'),
  recordNotFound: factory('RECORD_NOT_FOUND'),
  duplicate: factory('DUPLICATE'),
  idempotencyConflict: factory('IDEMPOTENCY_CONFLICT'),
  invalidState: factory('INVALID_STATE'),
  erased: factory('ERASED'),
  ruleViolation: factory('RULE_VIOLATION'),
  approvalMissing: factory('APPROVAL_MISSING'),
  consentRequired: factory('CONSENT_REQUIRED'),
  accessExpired: factory('ACCESS_EXPIRED'),
  configMissing: factory('CONFIG_MISSING'),
} as const;
