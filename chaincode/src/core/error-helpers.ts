import { type ChaincodeErrorKey, type ErrorDetails, ERROR_KEYS, isChaincodeErrorKey } from '../api/errors';
import { GovChainError } from './errors';

type Thrower = (message: string, details?: ErrorDetails) => GovChainError;
type Words<S extends string> = S extends `${infer H}_${infer T}` ? `${Capitalize<Lowercase<H>>}${Words<T>}` : Capitalize<Lowercase<S>>;
/** INVALID_ARGUMENT -> invalidArgument. */
type FactoryName<K extends string> = Uncapitalize<Words<K>>;

const factoryName = (key: string): string => key.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * One factory per chaincode key of the API's error table, so call sites read `throw errors.recordNotFound(...)`
 * and cannot mistype a key; each returns (does not throw) a GovChainError.
 */
export const errors = Object.fromEntries(
  ERROR_KEYS.filter(isChaincodeErrorKey).map((key) => [factoryName(key), ((message, details = {}) => new GovChainError(key, message, details)) as Thrower]),
) as { readonly [K in ChaincodeErrorKey as FactoryName<K>]: Thrower };
