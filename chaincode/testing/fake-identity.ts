/** A test caller: MSP and GovChain certificate attributes (omit one to test refusals). */
export interface TestIdentity {
  mspId: string;
  role?: string;
  operatorId?: string;
  /** Extra attributes, if a test needs them. */
  attributes?: Record<string, string>;
}

/** The ClientIdentity methods GovChain uses, answering from a TestIdentity. */
export class FakeClientIdentity {
  constructor(private readonly identity: TestIdentity) {}

  getMSPID(): string { return this.identity.mspId; }

  getID(): string { return `x509::CN=${this.identity.operatorId ?? 'anonymous'},O=${this.identity.mspId}::CN=ca.${this.identity.mspId}`; }

  getAttributeValue(name: string): string | null {
    if (name === 'govchain.role') return this.identity.role ?? null;
    if (name === 'govchain.operatorId') return this.identity.operatorId ?? null;
    return this.identity.attributes?.[name] ?? null;
  }

  assertAttributeValue(name: string, value: string): boolean {
    return this.getAttributeValue(name) === value;
  }
}
