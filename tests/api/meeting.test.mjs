// meeting.test.mjs — meeting day: a meeting arranged outside its 4–6 week
// window is warned about (never refused), and the record of the meeting
// keeps its three parts with their times, what each agency shared and
// whether the bottom lines were restated, refusing times that do not fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, users, createCase, screening, personId, daysAgo } from './lib.mjs';

const at = (id) => async (path, body) => api('POST', `/api/cases/${id}${path}`, body);
const ok = (r) => { assert.equal(r.status, 200, r.text); return r.json; };
const fieldErrors = (r) => { assert.equal(r.status, 422, r.text); return Object.fromEntries(r.json.errors.map((e) => [e.field, e.message])); };

async function atPreparation(consultedDaysAgo) {
  const u = await users();
  const c = await createCase({ child_name: 'Nia Pritchard', consultation_at: daysAgo(consultedDaysAgo) });
  const call = at(c.id);
  ok(await call('/screening', screening()));
  let v = ok(await call('/people', { name: 'Rhian Pritchard', role: 'parent', parental_responsibility: true }));
  const mum = personId(v, 'Rhian Pritchard');
  ok(await call('/consents', { person_id: mum, to_meeting: true, to_sharing: true, method: 'verbal' }));
  ok(await call('/allocation', { coordinator_id: u.coordinator[0].id }));
  ok(await call('/first-contact', { contacted: 'Rhian Pritchard', method: 'phone' }));
  return { c, call, mum };
}
const inDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().replace(/\.\d{3}Z$/, 'Z');

test('a meeting outside the 4 to 6 weeks after the consultation is warned about, not refused', async () => {
  const { call } = await atPreparation(3);
  // Consulted 3 days ago: the window opens in about 25 days and closes in about 39.
  let v = ok(await call('/meeting', { scheduled_at: inDays(7), venue: 'Hall' }));
  let m = v.meetings.find((x) => x.kind === 'family');
  assert.match(m.window_warning, /earlier than the 4 to 6 weeks after the consultation/);
  assert.match(m.window_warning, /prepare/);
  v = ok(await call('/meeting', { scheduled_at: inDays(60), venue: 'Hall' }));
  m = v.meetings.find((x) => x.kind === 'family');
  assert.match(m.window_warning, /later than the 4 to 6 weeks/);
  assert.match(m.window_warning, /deadline will be missed/);
  v = ok(await call('/meeting', { scheduled_at: inDays(30), venue: 'Hall' }));
  m = v.meetings.find((x) => x.kind === 'family');
  assert.equal(m.window_warning, undefined, 'within the window: no warning');
  assert.equal(m.sequence, 2, 'arranged, then moved twice');
});

test('the meeting record: three parts with their times, what each agency shared, the bottom lines restated', async () => {
  const { c, call, mum } = await atPreparation(30);
  ok(await call('/meeting', { scheduled_at: daysAgo(1), venue: 'Hall' }));
  const base = {
    attendance: [{ person_id: mum, attended: true }, { name: 'Ms Clarke', role: 'teacher', attended: true }],
    information_sharing: 'Worries about school.', private_family_time: 'They talked for an hour.',
    agreeing_the_plan: 'Read back by the coordinator.', outcome: 'plan_agreed',
  };
  let e = fieldErrors(await call('/meeting/record', { ...base, sharing_from: '18:00', sharing_to: '17:30' }));
  assert.match(e.sharing_to, /end of the information sharing must be after its start/);
  e = fieldErrors(await call('/meeting/record', { ...base, sharing_from: '18:00', sharing_to: '18:40', private_from: '18:30', private_to: '19:30' }));
  assert.match(e.private_from, /cannot start before the information sharing ended/);
  e = fieldErrors(await call('/meeting/record', { ...base, private_from: '25:00', private_to: '19:00' }));
  assert.match(e.private_from, /like 18:30/);
  e = fieldErrors(await call('/meeting/record', { ...base, plan_from: '20:00' }));
  assert.match(e.plan_to, /ended as well/);
  e = fieldErrors(await call('/meeting/record', { ...base, outcome: 'no_agreement', agreeing_the_plan: null, plan_from: '20:00', plan_to: '20:30' }));
  assert.match(e.plan_from, /did not make a plan/);
  e = fieldErrors(await call('/meeting/record', { ...base, bottom_lines_note: 'Said plainly.' }));
  assert.match(e.bottom_lines_restated, /restated/);
  e = fieldErrors(await call('/meeting/record', { ...base, agencies_shared: [{ agency: 'School', shared: '' }] }));
  assert.ok(e['agencies_shared[0].shared'], JSON.stringify(e));
  const untouched = ok(await api('GET', `/api/cases/${c.id}`));
  assert.equal(untouched.meetings[0].held_at, null, 'nothing saved by a refused record');

  const v = ok(await call('/meeting/record', {
    ...base, sharing_from: '18:00', sharing_to: '18:45', private_from: '18:50', private_to: '19:50', plan_from: '19:50', plan_to: '20:15',
    agencies_shared: [{ agency: "Children's Social Care", shared: 'The worries and the bottom lines.' }, { agency: 'St Anne’s Primary', shared: 'Attendance is 72%.' }],
    bottom_lines_restated: true, bottom_lines_note: 'Read out by the social worker; the family agreed them.',
  }));
  const m = v.meetings[0];
  assert.deepEqual([m.sharing_from, m.sharing_to, m.private_from, m.private_to, m.plan_from, m.plan_to], ['18:00', '18:45', '18:50', '19:50', '19:50', '20:15']);
  assert.deepEqual(m.agencies_shared.map((a) => a.agency), ["Children's Social Care", 'St Anne’s Primary']);
  assert.equal(m.bottom_lines_restated, true);
  assert.match(m.bottom_lines_note, /family agreed them/);
  // The case page shows what happened, part by part.
  const page = await api('GET', `/cases/${c.id}`, undefined, { headers: { accept: 'text/html' } });
  assert.match(page.text, /What happened at the family meeting/);
  assert.match(page.text, /18:00 to 18:45/);
  assert.match(page.text, /St Anne’s Primary shared/);
  assert.match(page.text, /Yes: Read out by the social worker/);
});

test('every mistake in the parts\' times is reported at once', async () => {
  const { call, mum } = await atPreparation(30);
  ok(await call('/meeting', { scheduled_at: daysAgo(1), venue: 'Hall' }));
  const e = fieldErrors(await call('/meeting/record', {
    attendance: [{ person_id: mum, attended: true }], information_sharing: 'x', private_family_time: 'y',
    agreeing_the_plan: 'z', outcome: 'plan_agreed',
    sharing_from: '18:00', sharing_to: '17:30', private_from: '25:00', private_to: '19:00', plan_from: '20:00',
  }));
  assert.deepEqual(Object.keys(e).sort(), ['plan_to', 'private_from', 'sharing_to']);
});
