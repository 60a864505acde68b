// Bad input of every kind gets a clear error naming the field, and never
// changes anything: no case is created, no case is altered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, BASE, users, createCase, booking, screening, daysAgo } from './lib.mjs';

const total = async () => (await api('GET', '/api/cases?per_page=1')).json.total;
const get = async (id) => (await api('GET', `/api/cases/${id}`)).json;
const fields = (r) => r.json.errors.map((e) => e.field);

async function rejectsBooking(body, status, expectFields, opts) {
  const before = await total();
  const r = opts ? await api('POST', '/api/cases', undefined, opts) : await api('POST', '/api/cases', body);
  assert.equal(r.status, status, r.text);
  assert.ok(Array.isArray(r.json.errors) && r.json.errors.length > 0);
  for (const e of r.json.errors) assert.ok(e.message.length > 10, `"${e.message}" says something`);
  for (const f of expectFields ?? []) assert.ok(fields(r).includes(f), `${f} in ${JSON.stringify(r.json.errors)}`);
  assert.equal(await total(), before, 'nothing was created');
  return r;
}

test('missing fields are each named', async () => {
  const r = await rejectsBooking({}, 422, ['child_name', 'referrer_name', 'consultation_at', 'family_details', 'benefit', 'strengths', 'referral_reason', 'questions', 'bottom_lines', 'risks', 'reason_category']);
  assert.equal(r.json.errors.find((e) => e.field === 'child_name').message, "Enter the child's name");
  await rejectsBooking(booking({ child_name: '   ' }), 422, ['child_name']);
});

test('wrong types are refused', async () => {
  await rejectsBooking(booking({ child_name: 42 }), 422, ['child_name']);
  await rejectsBooking(booking({ emergency: 'yes' }), 422, ['emergency']);
  await rejectsBooking(booking({ consultation_at: '2026-02-30T10:00Z' }), 422, ['consultation_at']);
  await rejectsBooking(booking({ child_dob: '31/12/2015' }), 422, ['child_dob']);
  await rejectsBooking(booking({ child_dob: '2999-01-01' }), 422, ['child_dob']);
  await rejectsBooking(booking({ consultation_at: '1900-01-01T10:00Z' }), 422, ['consultation_at']);
  await rejectsBooking(booking({ child_name: 'é'.repeat(201) }), 422, ['child_name']);
  await rejectsBooking(booking({ reason_category: 'whatever' }), 422, ['reason_category']);
  await rejectsBooking(booking({ referrer_email: 'not-an-email' }), 422, ['referrer_email']);
  await rejectsBooking(booking({ child_name: 'a\u0007b' }), 422, ['child_name']);
  await rejectsBooking(booking({ child_name: 'x'.repeat(201) }), 422, ['child_name']);
  await rejectsBooking(booking({ emergency: true }), 422, ['emergency_reason']);
});

test('an HTML form post is checked by the same rules and answered with the form again', async () => {
  const r = await api('POST', '/cases/new', undefined, {
    as: 'referrer', raw: 'child_name=Maja&child_dob-day=31&child_dob-month=2&child_dob-year=2015&emergency=maybe',
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 422);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(r.text, /govuk-error-summary/);
  assert.match(r.text, /The child&#39;s date of birth must be a real date/);
  assert.match(r.text, /Enter the reason for the referral/);
  const bad = await api('POST', '/cases/new', undefined, {
    as: 'referrer', raw: 'child_name=%C3%28', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(bad.status, 400);
});

test('unknown fields are refused by name', async () => {
  const r = await rejectsBooking(booking({ childname: 'typo' }), 422, ['childname']);
  assert.match(r.json.errors[0].message, /not one of the fields/);
});

test('unreadable requests are refused', async () => {
  await rejectsBooking(null, 400, [], { raw: '{"child_name": ', headers: { 'content-type': 'application/json' } });
  await rejectsBooking(null, 400, [], { raw: '[1,2]', headers: { 'content-type': 'application/json' } });
  await rejectsBooking(null, 400, [], { raw: '{"a":1,"a":2}', headers: { 'content-type': 'application/json' } });
  const bad = Buffer.concat([Buffer.from('{"child_name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
  const r = await rejectsBooking(null, 400, [], { raw: bad, headers: { 'content-type': 'application/json' } });
  assert.match(r.json.errors[0].message, /UTF-8/);
  await rejectsBooking(null, 415, [], { raw: 'child_name=x', headers: { 'content-type': 'text/plain' } });
  await rejectsBooking(null, 415, [], { raw: JSON.stringify(booking()), headers: { 'content-type': 'application/jsonfoo' } });
  const big = JSON.stringify(booking({ family_details: 'x'.repeat(1100 * 1024) }));
  const b = await rejectsBooking(null, 413, [], { raw: big, headers: { 'content-type': 'application/json' } });
  assert.match(b.json.errors[0].message, /too large/);
});

test('text cut to fit never loses an error or stores half a character', async () => {
  // An unknown field whose quoted name is cut mid-character still gets its error.
  await rejectsBooking(booking({ ['x'.repeat(99) + 'é']: 1 }), 422, []);
  // A 200-character name of 4-byte characters is stored and searched whole.
  const name = '😀'.repeat(200);
  const c = await createCase({ child_name: name });
  assert.equal(c.child.name, name);
  const r = await api('GET', `/api/cases?q=${encodeURIComponent('😀'.repeat(100))}`);
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((i) => i.id === c.id));
  const t = await api('GET', `/api/cases/${c.id}/timeline`);
  assert.ok(t.json.events.every((e) => typeof e.summary === 'string'));
  const bad = await api('GET', '/api/cases?q=%FF');
  assert.equal(bad.status, 400);
  assert.match(bad.json.errors[0].message, /UTF-8/);
});

test('requests addressed to another host name are refused', async () => {
  // fetch() will not send a Host header of our choosing; node:http will.
  const { request } = await import('node:http');
  const url = new URL(BASE);
  const status = (host) => new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: '/health', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(await status('evil.example'), 421, 'a rebound DNS name is refused');
  assert.equal(await status('127.0.0.1.evil.example'), 421);
  assert.equal(await status(`localhost:${url.port}`), 200);
  assert.equal(await status(`127.0.0.1:${url.port}`), 200);
});

test('unknown ids and addresses', async () => {
  let r = await api('GET', `/api/cases/${'0'.repeat(32)}`);
  assert.equal(r.status, 404);
  r = await api('GET', '/api/cases/not-an-id');
  assert.equal(r.status, 404);
  r = await api('POST', `/api/cases/${'f'.repeat(32)}/screening`, screening());
  assert.equal(r.status, 404);
  r = await api('GET', '/api/nothing-here');
  assert.equal(r.status, 404);
  assert.match(r.json.errors[0].message, /nothing at this address/);
  r = await api('DELETE', '/api/cases');
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow'), /GET/);

  const u = await users();
  const c = await createCase();
  r = await api('POST', `/api/cases/${c.id}/screening`, { ...screening(), section_47_enquiry: undefined });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['section_47_enquiry']);
  await api('POST', `/api/cases/${c.id}/screening`, screening());
  const before = await get(c.id);
  r = await api('POST', `/api/cases/${c.id}/consents`, { person_id: 'a'.repeat(32), to_meeting: true, to_sharing: true, method: 'verbal' });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['person_id']);
  assert.deepEqual(await get(c.id), before, 'nothing changed');
});

test('times in the future and out of order are refused', async () => {
  const u = await users();
  const c = await createCase({ consultation_at: daysAgo(3) });
  await api('POST', `/api/cases/${c.id}/screening`, screening());
  let r = await api('POST', `/api/cases/${c.id}/people`, { name: 'Mum', role: 'parent', parental_responsibility: true });
  const mum = r.json.people.find((p) => p.name === 'Mum').id;
  const before = await get(c.id);
  r = await api('POST', `/api/cases/${c.id}/consents`, { person_id: mum, to_meeting: true, to_sharing: true, method: 'verbal', given_at: '2099-01-01T10:00Z' });
  assert.equal(r.status, 422);
  assert.equal(r.json.errors[0].field, 'given_at');
  assert.match(r.json.errors[0].message, /cannot be in the future/);
  assert.deepEqual(await get(c.id), before);
  await api('POST', `/api/cases/${c.id}/consents`, { person_id: mum, to_meeting: true, to_sharing: true, method: 'verbal' });
  r = await api('POST', `/api/cases/${c.id}/allocation`, { coordinator_id: u.coordinator[0].id, allocated_at: daysAgo(10) });
  assert.equal(r.status, 422);
  assert.match(r.json.errors[0].message, /earlier than the consultation/);
});

test('nested lists name the entry at fault', async () => {
  const u = await users();
  const c = await createCase();
  const r = await api('POST', `/api/cases/${c.id}/screening`, { ...screening(), extra: 1 });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['extra']);
  // A plan with a bad action: the field path says which one.
  const p = await api('PUT', `/api/cases/${c.id}/plan`, { items: [{ concern: 'c', action: 'a', who: 'w', by_when: '2026-13-01' }], monitoring: 'm', monitored_by: 'x', contingency: 'k' });
  assert.equal(p.status, 409, 'a step that is not possible now is refused before its fields are checked');
  assert.match(p.json.errors[0].message, /no plan before a family meeting/);
});

test('list filters and settings are checked', async () => {
  for (const q of ['stage=bogus', 'page=0', 'per_page=1000', 'overdue=maybe', 'colour=red', 'coordinator=xyz']) {
    const r = await api('GET', `/api/cases?${q}`);
    assert.equal(r.status, 422, q);
    assert.ok(r.json.errors[0].field);
  }
  const before = (await api('GET', '/api/settings/timescales')).json;
  let r = await api('PUT', '/api/settings/timescales', { ...before, meeting_min_weeks: 8, meeting_max_weeks: 6 });
  assert.equal(r.status, 422);
  assert.equal(r.json.errors[0].field, 'meeting_max_weeks');
  r = await api('PUT', '/api/settings/timescales', { ...before, nation: 'wessex' });
  assert.equal(r.status, 422);
  assert.deepEqual((await api('GET', '/api/settings/timescales')).json, before, 'nothing changed');
});
