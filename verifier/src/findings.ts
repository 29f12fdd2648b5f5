/** The checks of a receipt verification, in the order they are printed. */
export const CHECK_IDS = ['creator', 'endorsements', 'policies', 'inclusion', 'header', 'orderer', 'attestations', 'record', 'file'] as const;
/** One check. */
export type CheckId = (typeof CHECK_IDS)[number];

/** Parameters of a finding's message. */
export type FindingParams = Record<string, string | number>;

/** One line of a check: what was found, as a message key with parameters (see messages.ts). */
export interface Finding {
  ok: boolean;
  key: string;
  params: FindingParams;
}

/** The result of one check: it holds when all its findings hold (and it has at least one). */
export interface CheckResult {
  id: CheckId;
  ok: boolean;
  findings: Finding[];
}

/** Collects findings of one check. */
export class CheckRecorder {
  readonly findings: Finding[] = [];

  /** Adds a finding; returns `ok` so callers can branch on it. */
  add(ok: boolean, key: string, params: FindingParams = {}): boolean {
    this.findings.push({ ok, key, params });
    return ok;
  }

  /** The check result. */
  result(id: CheckId): CheckResult {
    return { id, ok: this.findings.length > 0 && this.findings.every((f) => f.ok), findings: this.findings };
  }
}
