/** A network-tooling failure with a stable key and the next step for the operator. */
export class NetworkError extends Error {
  constructor(
    readonly key: string,
    message: string,
    readonly hint?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}
