import 'reflect-metadata';
import { Contract, Info, type Context } from 'fabric-contract-api';
import { type ContractSpec, type TxSpec, wireParamNames } from '../api/transaction';

/** A transaction's implementation: its description and the function fabric-shim calls with the string arguments. */
export interface Implementation<S extends TxSpec = TxSpec> {
  readonly spec: S;
  readonly handler: (ctx: Context, ...args: string[]) => Promise<string>;
}

/** The names of a contract's transactions that no implementation covers (never, when all are covered). */
type Missing<A extends ContractSpec, I extends readonly Implementation[]> = Exclude<keyof A['tx'], I[number]['spec']['name']>;

/** A contract class built from its API description; `api` is the description it implements. */
export interface ContractClass<A extends ContractSpec = ContractSpec> {
  new (): Contract;
  readonly api: A;
}

/** The transaction metadata fabric-contract-api's @Transaction and @Returns decorators would record. */
function metadataOf(spec: TxSpec) {
  return {
    name: spec.name,
    tag: spec.kind === 'submit' ? ['SUBMIT', 'submitTx'] : ['EVALUATE'],
    parameters: wireParamNames(spec).map((name) => ({ name, description: '', schema: { type: 'string' } })),
    returns: { type: 'string' },
  };
}

/**
 * Builds a contract class from its API description and one implementation per transaction: the class fabric-shim
 * serves, named `<Contract>Contract`, with exactly the transactions, parameter names, kinds and info the API
 * declares (the metadata @Transaction, @Returns and @Info would record; the metadata snapshot test proves it).
 * The API is the one definition of every transaction's name, kind and arguments; a transaction without an
 * implementation does not compile, and an implementation of another contract's transaction throws on load.
 */
export function defineContract<A extends ContractSpec, I extends readonly Implementation[]>(
  api: A,
  implementations: I & (Missing<A, I> extends never ? unknown : { missing: Missing<A, I> }),
): ContractClass<A> {
  const byName = new Map(implementations.map((i) => [i.spec.name, i] as const));
  const specs = Object.values(api.tx) as TxSpec[];
  for (const i of implementations) {
    if (i.spec.contract !== api.name || !(i.spec.name in api.tx)) throw new TypeError(`${i.spec.contract}:${i.spec.name} is not a transaction of ${api.name}`);
  }
  const className = `${api.name}Contract`;
  const cls = {
    [className]: class extends Contract {
      static readonly api = api;
      constructor() {
        super(api.name);
      }
    },
  }[className] as unknown as ContractClass<A>;
  for (const spec of specs) {
    const impl = byName.get(spec.name);
    if (!impl) throw new TypeError(`${api.name}:${spec.name} has no implementation`);
    Object.defineProperty(cls.prototype, spec.name, {
      value: function transaction(this: Contract, ctx: Context, ...args: string[]) {
        return impl.handler(ctx, ...args);
      },
      writable: true,
      configurable: true,
    });
  }
  Reflect.defineMetadata('fabric:transactions', specs.map(metadataOf), cls.prototype);
  Info({ title: api.name, description: api.description })(cls);
  return cls;
}
