// sessions.test.mjs — the weekly consultation session: a week's slots, a
// booking showing against its slot, and who sees which case in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, createCase } from './lib.mjs';

async function freeSlot() {
  let week = (await api('GET', '/api/consultation-sessions', undefined, { as: 'referrer' })).json;
  for (let i = 0; i < 4; i++) {
    const slot = week.slots.find((s) => s.free && !s.past);
    if (slot) return { week, slot };
    week = (await api('GET', `/api/consultation-sessions?week=${week.next_week}`, undefined, { as: 'referrer' })).json;
  }
  assert.fail('no free slot in four weeks');
}

test('a week has its slots on the session day, in London time', async () => {
  const r = await api('GET', '/api/consultation-sessions?week=2026-06-10', undefined, { as: 'team_manager' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.week, '2026-06-08');
  assert.equal(r.json.day, '2026-06-09');
  assert.deepEqual(r.json.slots.map((s) => s.at), ['2026-06-09T09:00:00Z', '2026-06-09T09:45:00Z', '2026-06-09T10:30:00Z', '2026-06-09T11:15:00Z']);
  assert.equal(r.json.previous_week, '2026-06-01');
  assert.equal(r.json.next_week, '2026-06-15');
  assert.ok(r.json.slots.every((s) => s.past && s.minutes === 45));
});

test('a booking takes its slot; only those who may see the case see whose it is', async () => {
  const { week, slot } = await freeSlot();
  const c = await createCase({ consultation_at: slot.at, child_name: 'Slot Booked' }, { as: 'referrer' });
  const mine = (await api('GET', `/api/consultation-sessions?week=${week.week}`, undefined, { as: 'referrer' })).json;
  const taken = mine.slots.find((s) => s.at === slot.at);
  assert.equal(taken.free, false);
  assert.deepEqual(taken.cases, [{ id: c.id, reference: c.reference, child_name: 'Slot Booked' }]);
  assert.ok(mine.consultations.some((x) => x.id === c.id));
  // Another referrer sees the slot is taken, not by whom.
  const theirs = (await api('GET', `/api/consultation-sessions?week=${week.week}`, undefined, { as: 'other_referrer' })).json;
  const seen = theirs.slots.find((s) => s.at === slot.at);
  assert.equal(seen.free, false);
  assert.deepEqual(seen.cases, [{ id: null, reference: null, child_name: null }]);
  assert.ok(!theirs.consultations.some((x) => x.id === c.id));
  assert.doesNotMatch(JSON.stringify(theirs), /Slot Booked/);
});

test('a wrong week or filter is refused by name', async () => {
  let r = await api('GET', '/api/consultation-sessions?week=next', undefined, { as: 'referrer' });
  assert.equal(r.status, 422);
  assert.equal(r.json.errors[0].field, 'week');
  r = await api('GET', '/api/consultation-sessions?day=2026-01-01', undefined, { as: 'referrer' });
  assert.equal(r.status, 422);
  assert.equal(r.json.errors[0].field, 'day');
  r = await api('GET', '/api/consultation-sessions?week=2099-01-06', undefined, { as: 'referrer' });
  assert.equal(r.status, 422, 'beyond the bank-holiday calendar');
  r = await api('GET', '/api/consultation-sessions', undefined, { as: 'administrator' });
  assert.equal(r.status, 403);
});

test('the schedule is checked when changed', async () => {
  const r = await api('PUT', '/api/settings/consultation-sessions', { weekday: 'funday', start: '25:00', slots: 0, slot_minutes: 45 });
  assert.equal(r.status, 422);
  const fields = r.json.errors.map((e) => e.field);
  assert.ok(fields.includes('slots'), fields.join(','));
});
