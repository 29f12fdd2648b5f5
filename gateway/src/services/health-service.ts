import type { Ledger } from '../fabric/ledger';

/** Readiness: the peer is reachable and a chaincode ping evaluates. */
export class HealthService {
  constructor(
    private readonly ledger: Ledger,
    private readonly serviceOperator: string,
  ) {}

  /** Throws an ApiError (503) when not ready. */
  async ready(): Promise<void> {
    await this.ledger.ping(this.serviceOperator);
  }
}
