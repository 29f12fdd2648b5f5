import type { ActivityItem } from '@govchain/chaincode';

/** One Audit:Activity page. */
export interface ActivityPage {
  records: ActivityItem[];
  bookmark: string;
  withheld: number;
  cost: { read: number; pages: number };
}

/** When offices work: local times HH:MM, ISO weekdays (1 = Monday), and the office's UTC offset in minutes. */
export interface OfficeHours {
  start: string;
  end: string;
  weekdays: number[];
  utcOffsetMinutes: number;
}

/** How far above the org's median an operator's daily distinct subjects must be to be flagged. */
export interface HeavyUseRule {
  /** Flag when distinct subjects > factor × the org's median that day ... */
  factor: number;
  /** ... and at least this many. */
  minSubjects: number;
}

/** Accesses per local day and org, with anomaly flags. */
export interface ActivityReport {
  days: string[];
  orgs: string[];
  perDay: Array<{ day: string; org: string; count: number }>;
  offHours: { count: number; entries: Array<ActivityItem & { localTime: string }> };
  heavyUsers: Array<{ day: string; org: string; operator: string; distinctSubjects: number; orgMedian: number }>;
  withheld: number;
  /** False when the page budget ran out: `readUntil` says how far the window was read. */
  complete: boolean;
  readUntil: string | null;
  cost: { calls: number; read: number; pages: number };
}

/** Pages one activity report reads at most (500 entries each). */
export const ACTIVITY_MAX_CALLS = 40;
/** Off-hours entries listed (all are counted). */
export const OFF_HOURS_LISTED = 200;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The office-local date (YYYY-MM-DD), time (HH:MM) and ISO weekday of a UTC time. */
export function localTime(at: string, utcOffsetMinutes: number): { day: string; time: string; weekday: number } {
  const local = new Date(Date.parse(at) + utcOffsetMinutes * 60_000);
  const iso = local.toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 16), weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay() };
}

/** Is a UTC time outside office hours? */
export function outsideOfficeHours(at: string, h: OfficeHours): boolean {
  const t = localTime(at, h.utcOffsetMinutes);
  const m = minutesOf(t.time);
  return !h.weekdays.includes(t.weekday) || m < minutesOf(h.start) || m >= minutesOf(h.end);
}

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Reads the window's activity page by page (bounded) and aggregates it. */
export async function activityReport(
  readPage: (bookmark: string) => Promise<ActivityPage>, hours: OfficeHours, rule: HeavyUseRule, maxCalls = ACTIVITY_MAX_CALLS,
  window?: { from: string; to: string },
): Promise<ActivityReport> {
  const perDay = new Map<string, number>();
  const subjects = new Map<string, Set<string>>();
  const offHours: ActivityReport['offHours'] = { count: 0, entries: [] };
  const cost = { calls: 0, read: 0, pages: 0 };
  let withheld = 0;
  let bookmark = '';
  let last: string | null = null;
  do {
    const page = await readPage(bookmark);
    cost.calls++;
    cost.read += page.cost.read;
    cost.pages += page.cost.pages;
    withheld += page.withheld;
    for (const e of page.records) {
      const t = localTime(e.at, hours.utcOffsetMinutes);
      const dayOrg = `${t.day}\u0000${e.accessorMsp}`;
      perDay.set(dayOrg, (perDay.get(dayOrg) ?? 0) + 1);
      const op = `${dayOrg}\u0000${e.accessorOperatorId}`;
      (subjects.get(op) ?? subjects.set(op, new Set()).get(op))?.add(e.subject);
      if (outsideOfficeHours(e.at, hours)) {
        offHours.count++;
        if (offHours.entries.length < OFF_HOURS_LISTED) offHours.entries.push({ ...e, localTime: `${t.day} ${t.time}` });
      }
      last = e.at;
    }
    bookmark = page.bookmark;
  } while (bookmark && cost.calls < maxCalls);
  const seen = [...perDay.keys()].map((k) => k.split('\u0000')[0] as string);
  return {
    days: [...new Set([...(window ? daysOf(window, hours.utcOffsetMinutes) : []), ...seen])].sort(),
    orgs: [...new Set([...perDay.keys()].map((k) => k.split('\u0000')[1] as string))].sort(),
    perDay: [...perDay.entries()].map(([k, count]) => {
      const [day, org] = k.split('\u0000') as [string, string];
      return { day, org, count };
    }).sort((a, b) => a.day.localeCompare(b.day) || a.org.localeCompare(b.org)),
    offHours,
    heavyUsers: heavyUsers(subjects, rule),
    withheld,
    complete: bookmark === '',
    readUntil: last,
    cost,
  };
}

/** Every office-local day a window touches (a timeline shows the quiet days too). */
export function daysOf(window: { from: string; to: string }, utcOffsetMinutes: number): string[] {
  const first = localTime(window.from, utcOffsetMinutes).day;
  const last = localTime(new Date(Date.parse(window.to) - 1).toISOString(), utcOffsetMinutes).day;
  const days: string[] = [];
  for (let d = Date.parse(`${first}T00:00:00.000Z`); d <= Date.parse(`${last}T00:00:00.000Z`) && days.length <= 366; d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
  return days;
}

/** Operators whose distinct subjects on a day exceed factor × their org's median that day. */
function heavyUsers(subjects: Map<string, Set<string>>, rule: HeavyUseRule): ActivityReport['heavyUsers'] {
  const byDayOrg = new Map<string, Array<{ operator: string; n: number }>>();
  for (const [k, set] of subjects) {
    const [day, org, operator] = k.split('\u0000') as [string, string, string];
    const key = `${day}\u0000${org}`;
    (byDayOrg.get(key) ?? byDayOrg.set(key, []).get(key))?.push({ operator, n: set.size });
  }
  const out: ActivityReport['heavyUsers'] = [];
  for (const [key, ops] of byDayOrg) {
    const [day, org] = key.split('\u0000') as [string, string];
    const m = median(ops.map((o) => o.n));
    for (const o of ops) if (o.n >= rule.minSubjects && o.n > rule.factor * m) out.push({ day, org, operator: o.operator, distinctSubjects: o.n, orgMedian: m });
  }
  return out.sort((a, b) => a.day.localeCompare(b.day) || b.distinctSubjects - a.distinctSubjects);
}
