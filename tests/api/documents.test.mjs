// documents.test.mjs — the documents hearth makes, read back as text.
//
// The family plan (GET /api/cases/:id/plans/:version/document) is fetched
// for demo cases whose children have Arabic, Urdu and Polish names, turned
// into text with poppler's pdftotext, and checked for what a family needs to
// find in it: the child's name intact, the case reference, every action, the
// review date in words, the service's name and page numbers. Then who may
// not have it: nobody signed in, another team's coordinator, and a version
// that does not exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, session, BASE, users, createCase, screening, personId, daysAgo } from './lib.mjs';

const SERVICE = 'Family Group Conference Service';
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

// "2026-10-01" as the document writes it: "Thursday 1 October 2026".
function longDate(iso) {
  const d = new Date(`${iso}T12:00:00Z`);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

// The PDF's bytes, as `as` (a demo role; null for nobody).
async function fetchPdf(path, as = 'service_manager') {
  const headers = {};
  if (as) headers.cookie = (await session(as)).cookie;
  const res = await fetch(BASE + path, { headers, redirect: 'manual' });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

// pdftotext's reading of a PDF: with -layout (what a person sees, line by
// line) and in drawing order (each table cell's lines together). Bidi
// embedding marks around right-to-left text are dropped.
function textOf(bytes, mode) {
  const out = execFileSync('pdftotext', [mode, '-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
  return out.replace(/[\u202a-\u202e\u200e\u200f]/g, '');
}
const squeeze = (s) => s.replace(/\s+/g, '');

// Demo cases with a plan whose child has one of `names`, with their view.
async function casesOf(names, { as = 'service_manager' } = {}) {
  const list = await api('GET', '/api/cases?per_page=100', undefined, { as });
  assert.equal(list.status, 200, list.text);
  const found = [];
  for (const item of list.json.items.filter((i) => names.includes(i.child_name))) {
    const c = await api('GET', `/api/cases/${item.id}`, undefined, { as });
    assert.equal(c.status, 200, c.text);
    if (c.json.plans.length > 0) found.push(c.json);
  }
  return found;
}

async function checkPlan(c, plan) {
  const path = `/api/cases/${c.id}/plans/${plan.version}/document`;
  const res = await fetchPdf(path);
  assert.equal(res.status, 200, `${path}: ${res.bytes.toString('utf8', 0, 200)}`);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.equal(res.headers.get('content-disposition'), `inline; filename="plan-${c.reference}-v${plan.version}.pdf"`);
  assert.equal(res.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const layout = textOf(res.bytes, '-layout');
  const raw = squeeze(textOf(res.bytes, '-raw'));
  const what = `${c.reference} version ${plan.version}`;
  assert.ok(layout.includes(c.child.name), `${what}: the child's name "${c.child.name}" intact in:\n${layout}`);
  assert.ok(layout.includes(c.reference), `${what}: the reference`);
  assert.ok(layout.includes(SERVICE), `${what}: the service's name`);
  assert.match(layout, /Page 1 of \d+/, `${what}: page numbers`);
  assert.ok(layout.includes('Our plan'), `${what}: the actions' heading`);
  for (const item of plan.items) {
    assert.ok(raw.includes(squeeze(item.action)), `${what}: the action "${item.action}"`);
    assert.ok(raw.includes(squeeze(item.concern)), `${what}: the worry "${item.concern}"`);
    assert.ok(raw.includes(squeeze(item.who)), `${what}: who "${item.who}"`);
    if (plan.version >= 2) assert.ok(raw.includes(squeeze(item.review_status_title ?? 'New at the review')), `${what}: how "${item.action}" went`);
  }
  assert.ok(raw.includes(squeeze(plan.monitored_by)), `${what}: who monitors it`);
  if (plan.review_date) assert.ok(layout.includes(longDate(plan.review_date)), `${what}: the review date in words, ${longDate(plan.review_date)}`);
  else assert.ok(layout.includes('No review meeting has been set'), `${what}: no review date`);
  const meeting = c.meetings.find((m) => m.id === plan.meeting_id);
  for (const a of meeting?.attendance ?? []) {
    if (a.attended && a.name) assert.ok(layout.includes(a.name), `${what}: ${a.name} was there`);
  }
  return layout;
}

test('the family plan as a PDF keeps Arabic and Urdu names intact', async () => {
  const cases = await casesOf(['أمير حسن', 'عائشہ خان']);
  assert.ok(cases.length >= 2, 'the demo has plans for both families');
  const texts = [];
  for (const c of cases) for (const plan of c.plans) texts.push(await checkPlan(c, plan));
  assert.ok(texts.length >= 3, 'a revised plan is among them');
  // Who was there: the mother's name is written in Arabic on the Hassan cases.
  assert.ok(texts.some((t) => t.includes('فاطمة حسن')), 'an Arabic name among those who were there');
});

test('the family plan as a PDF keeps Polish names intact', async () => {
  const cases = await casesOf(['Zofia Kowalska']);
  assert.ok(cases.length > 0);
  for (const c of cases) for (const plan of c.plans) {
    const text = await checkPlan(c, plan);
    assert.ok(text.includes('Zofia Kowalska'));
  }
});

test('the plan document is refused to those who may not see it, and 404 for a version not made', async () => {
  const north = (await casesOf(['أمير حسن', 'Zofia Kowalska'])).find((c) => c.team?.name === 'North team');
  assert.ok(north, 'a North team case with a plan');
  const base = `/api/cases/${north.id}/plans`;
  const missing = await fetchPdf(`${base}/${north.plans.length + 1}/document`);
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get('content-type'), /application\/json/);
  assert.equal((await fetchPdf(`${base}/0/document`)).status, 404);
  assert.equal((await fetchPdf(`${base}/one/document`)).status, 404);
  assert.equal((await fetchPdf(`/api/cases/${'f'.repeat(32)}/plans/1/document`)).status, 404);
  assert.equal((await fetchPdf(`${base}/1/document`, 'south_coordinator')).status, 403);
  assert.equal((await fetchPdf(`${base}/1/document`, null)).status, 401);
});

test("the referrer may read the plan they agree: the same document everyone is sent", async () => {
  const theirs = await api('GET', '/api/cases?per_page=100', undefined, { as: 'referrer' });
  assert.equal(theirs.status, 200);
  let checked = 0;
  for (const item of theirs.json.items) {
    const c = await api('GET', `/api/cases/${item.id}`, undefined, { as: 'referrer' });
    if (!c.json.plans?.length) continue;
    const res = await fetchPdf(`/api/cases/${item.id}/plans/1/document`, 'referrer');
    assert.equal(res.status, 200);
    const text = textOf(res.bytes, '-layout');
    assert.ok(text.includes(c.json.reference));
    assert.ok(text.includes('Who was there'), 'the same plan as everyone else, with who was there');
    if (++checked >= 2) break;
  }
  assert.ok(checked > 0, 'the demo referrer has a case with a plan');
});

test('the invitation letter: for someone invited without e-mail, to their own address, and to nobody the safety rule protects', async () => {
  const u = await users();
  const c0 = await createCase({ child_name: 'Wiktoria Dąbrowska', consultation_at: daysAgo(12) });
  const post = async (path, body, method = 'POST') => {
    const r = await api(method, `/api/cases/${c0.id}${path}`, body);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.json;
  };
  await post('/screening', screening());
  let c = await post('/people', { name: 'Bożena Dąbrowska', role: 'parent', relationship: 'mother', parental_responsibility: true,
    address: '7 Ogrodowa Close\nBlackpool FY3 9ZZ', address_confidential: true });
  c = await post('/people', { name: 'Łukasz Dąbrowski', role: 'parent', relationship: 'father', parental_responsibility: false });
  c = await post('/people', { name: 'Gwen Pritchard', role: 'relative', relationship: 'aunt', parental_responsibility: false });
  const mum = personId(c, 'Bożena Dąbrowska'), dad = personId(c, 'Łukasz Dąbrowski'), aunt = personId(c, 'Gwen Pritchard');
  await post('/consents', { person_id: mum, to_meeting: true, to_sharing: true, method: 'verbal' });
  await post('/allocation', { coordinator_id: u.coordinator[0].id });
  await post('/first-contact', { contacted: 'Bożena Dąbrowska', method: 'visit' });
  await post('/invitations', { invited: [mum, aunt] }, 'PUT');
  const letter = (pid) => fetchPdf(`/api/cases/${c.id}/people/${pid}/invitation-letter`);

  let r = await letter(mum);
  assert.equal(r.status, 409, 'no meeting arranged yet');
  const venue = (await api('GET', '/api/venues')).json.venues.find((v) => v.address && v.access_notes);
  assert.ok(venue, 'a demo venue with an address and access notes');
  const when = new Date(Date.now() + 20 * 86400e3);
  when.setUTCHours(17, 30, 0, 0);
  await post('/meeting', { scheduled_at: when.toISOString().replace(/\.000Z$/, 'Z'), venue: venue.name });

  r = await letter(mum);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.match(r.headers.get('content-disposition'), new RegExp(`filename="invitation-${c.reference}\\.pdf"`));
  const text = textOf(r.bytes, '-layout');
  assert.ok(text.includes('Bożena Dąbrowska'), 'a Polish name intact');
  assert.ok(text.includes('7 Ogrodowa Close'), 'her own address, although confidential: the letter goes to her');
  assert.ok(text.includes('Dear Bożena Dąbrowska,'));
  assert.ok(text.includes('An invitation to a family meeting'));
  const local = new Date(when.toLocaleString('en-US', { timeZone: 'Europe/London' }));
  assert.ok(text.includes(`${DAYS[local.getDay()]} ${local.getDate()} ${MONTHS[local.getMonth()]} ${local.getFullYear()} at`), text);
  assert.ok(squeeze(text).includes(squeeze(venue.name)), 'the venue');
  assert.ok(squeeze(text).includes(squeeze(venue.address.split('\n')[0])), 'with its address');
  assert.ok(text.includes(c.reference));
  assert.ok(text.includes(SERVICE));
  assert.ok(text.includes('Grace Okafor'), 'the coordinator');
  for (const narrative of ['Missed school', 'must not be left alone', 'conflict at home'])
    assert.ok(!text.includes(narrative), `no case narrative in a letter: ${narrative}`);

  assert.equal((await letter(dad)).status, 409, 'not on the invitation list');
  await post('/exclusions', { member_id: aunt, reason: 'threatened_attendee', rationale: 'Threatened the mother.', decided_with: 'Team manager' });
  r = await letter(aunt);
  assert.equal(r.status, 409);
  assert.match(JSON.parse(r.bytes.toString('utf8')).errors[0].message, /Gwen Pritchard is excluded/);
  assert.equal((await fetchPdf(`/api/cases/${c.id}/people/${mum}/invitation-letter`, 'referrer')).status, 403);
  assert.equal((await fetchPdf(`/api/cases/${c.id}/people/${'f'.repeat(32)}/invitation-letter`)).status, 404);
});
