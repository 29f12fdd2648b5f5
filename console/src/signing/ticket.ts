import type { EnrolmentTicket } from '@govchain/client';

/** Why a pasted enrolment ticket cannot be used, as a stable key the page translates. */
export type TicketProblem = 'TICKET_INVALID' | 'TICKET_OTHER_OPERATOR' | 'TICKET_OTHER_ORG';

/** A ticket checked against the signed-in operator, or why it cannot be used. */
export type TicketCheck = { ok: true; ticket: EnrolmentTicket } | { ok: false; problem: TicketProblem };

const FIELDS = ['org', 'mspId', 'operatorId', 'role', 'enrollmentId', 'secret'] as const;

/**
 * Reads the one-time enrolment ticket `npm run operator:add` wrote (JSON) and checks that it is for the signed-in
 * operator at this gateway's org, before anything is generated or sent.
 */
export function checkTicket(text: string, who: { operatorId: string; mspId: string }): TicketCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'TICKET_INVALID' };
  }
  if (typeof raw !== 'object' || raw === null) return { ok: false, problem: 'TICKET_INVALID' };
  const r = raw as Record<string, unknown>;
  if (!FIELDS.every((f) => typeof r[f] === 'string' && (r[f] as string).length > 0)) return { ok: false, problem: 'TICKET_INVALID' };
  const ticket = Object.fromEntries(FIELDS.map((f) => [f, r[f] as string])) as unknown as EnrolmentTicket;
  if (ticket.mspId !== who.mspId) return { ok: false, problem: 'TICKET_OTHER_ORG' };
  if (ticket.operatorId !== who.operatorId) return { ok: false, problem: 'TICKET_OTHER_OPERATOR' };
  return { ok: true, ticket };
}
