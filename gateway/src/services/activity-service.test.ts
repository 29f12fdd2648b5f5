import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityReport, daysOf, localTime, median, outsideOfficeHours, type ActivityPage } from './activity-service';

const HOURS = { start: '08:30', end: '17:30', weekdays: [1, 2, 3, 4, 5], utcOffsetMinutes: 480 };
const item = (at: string, msp: string, op: string, subject: string) => ({ accessId: `${op}-${at}`, kind: 'access' as const, at, accessorMsp: msp, accessorOperatorId: op, subject, dataset: 'd' });

test('office hours are local to the office (UTC+08:00 by default) and exclude weekends', () => {
  assert.deepEqual(localTime('2025-03-03T16:00:00.000Z', 480), { day: '2025-03-04', time: '00:00', weekday: 2 });
  assert.equal(outsideOfficeHours('2025-03-03T01:00:00.000Z', HOURS), false, 'Monday 09:00 in Beijing');
  assert.equal(outsideOfficeHours('2025-03-03T00:29:00.000Z', HOURS), true, 'Monday 08:29');
  assert.equal(outsideOfficeHours('2025-03-03T09:30:00.000Z', HOURS), true, 'Monday 17:30 is closing time');
  assert.equal(outsideOfficeHours('2025-03-08T02:00:00.000Z', HOURS), true, 'Saturday 10:00');
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.deepEqual(daysOf({ from: '2025-03-01T16:00:00.000Z', to: '2025-03-04T16:00:00.000Z' }, 480), ['2025-03-02', '2025-03-03', '2025-03-04']);
});

test('aggregates pages into accesses per day per org, off-hours entries and heavy users', async () => {
  const day = '2025-03-04T02:00:';
  const records = [
    // PS on 4 March: normal operators see 2 subjects each, heavy1 sees 12.
    ...['a', 'b'].map((s, i) => item(`${day}0${i}.000Z`, 'PS', 'clerk1', s)),
    ...['a', 'c'].map((s, i) => item(`${day}1${i}.000Z`, 'PS', 'clerk2', s)),
    ...['a', 'd'].map((s, i) => item(`${day}2${i}.000Z`, 'PS', 'clerk3', s)),
    ...Array.from({ length: 12 }, (_, i) => item(`${day}3${i % 10}.${String(i).padStart(3, '0')}Z`, 'PS', 'heavy1', `s${i}`)),
    item('2025-03-04T15:00:00.000Z', 'NR', 'night', 'x'),
  ];
  const pages: ActivityPage[] = [
    { records: records.slice(0, 10), bookmark: 'next', withheld: 2, cost: { read: 12, pages: 1 } },
    { records: records.slice(10), bookmark: '', withheld: 0, cost: { read: records.length - 10, pages: 1 } },
  ];
  const marks: string[] = [];
  const r = await activityReport(async (b) => {
    marks.push(b);
    return pages[marks.length - 1] as ActivityPage;
  }, HOURS, { factor: 3, minSubjects: 10 }, undefined, { from: '2025-03-02T16:00:00.000Z', to: '2025-03-05T16:00:00.000Z' });
  assert.deepEqual(marks, ['', 'next']);
  assert.deepEqual(r.days, ['2025-03-03', '2025-03-04', '2025-03-05'], 'every day of the window, quiet ones too');
  assert.deepEqual(r.perDay, [{ day: '2025-03-04', org: 'PS', count: 18 }, { day: '2025-03-04', org: 'NR', count: 1 }].sort((a, b) => a.org.localeCompare(b.org)));
  assert.deepEqual(r.heavyUsers, [{ day: '2025-03-04', org: 'PS', operator: 'heavy1', distinctSubjects: 12, orgMedian: 2 }]);
  assert.equal(r.offHours.count, 1);
  assert.equal(r.offHours.entries[0]?.accessorOperatorId, 'night');
  assert.equal(r.offHours.entries[0]?.localTime, '2025-03-04 23:00');
  assert.equal(r.withheld, 2);
  assert.equal(r.complete, true);
  assert.deepEqual(r.orgs, ['NR', 'PS']);
});

test('a page budget bounds the report, which then says how far it read', async () => {
  let calls = 0;
  const r = await activityReport(async () => {
    calls++;
    return { records: [item(`2025-03-04T02:00:0${calls}.000Z`, 'PS', 'c', 's')], bookmark: 'more', withheld: 0, cost: { read: 500, pages: 5 } };
  }, HOURS, { factor: 3, minSubjects: 10 }, 4);
  assert.equal(calls, 4);
  assert.equal(r.complete, false);
  assert.equal(r.readUntil, '2025-03-04T02:00:04.000Z');
});
