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
  if (plan.version >= 2) {
    // What the review changed, counted: each status and the new actions.
    assert.ok(layout.includes('What changed at the review'), `${what}: what changed`);
    const added = plan.items.filter((i) => !i.previous_item_id).length;
    assert.ok(layout.includes(`New actions: ${added}`), `${what}: ${added} new actions`);
    for (const title of new Set(plan.items.filter((i) => i.previous_item_id).map((i) => i.review_status_title)))
      assert.ok(layout.includes(`${title}: ${plan.items.filter((i) => i.review_status_title === title).length}`), `${what}: ${title} counted`);
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

test('closure letters: to the family, the child, the referrer and a professional, with the reason and summary, and never to someone excluded', async () => {
  const u = await users();
  const c0 = await createCase({ child_name: 'ياسمين العلي', consultation_at: daysAgo(12) });
  const post = async (path, body, method = 'POST') => {
    const r = await api(method, `/api/cases/${c0.id}${path}`, body);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.json;
  };
  await post('/screening', screening());
  let c = await post('/people', { name: 'فاطمة العلي', role: 'parent', relationship: 'mother', parental_responsibility: true,
    address: '12 Harbour Row\nFleetwood FY7 1AA', address_confidential: true });
  c = await post('/people', { name: 'Krzysztof Wójcik', role: 'relative', relationship: 'uncle', parental_responsibility: false });
  c = await post('/people', { name: 'Rhian Llywelyn', role: 'professional', relationship: 'School nurse', parental_responsibility: false });
  const mum = personId(c, 'فاطمة العلي'), uncle = personId(c, 'Krzysztof Wójcik'), nurse = personId(c, 'Rhian Llywelyn');
  const child = personId(c, 'ياسمين العلي');
  await post('/consents', { person_id: mum, to_meeting: true, to_sharing: true, method: 'verbal' });
  await post('/allocation', { coordinator_id: u.coordinator[0].id });
  await post('/first-contact', { contacted: 'فاطمة العلي', method: 'visit' });
  await post('/exclusions', { member_id: uncle, reason: 'risk_to_children', rationale: 'Subject of a court order.', decided_with: 'Team manager' });
  const letter = (to, as) => fetchPdf(`/api/cases/${c.id}/closure/letters/${to}`, as);
  assert.equal((await letter('referrer')).status, 409, 'not closed yet');
  const summary = 'The family found its own way forward with the school’s help.';
  c = await post('/closure', { reason: 'family_withdrew', summary });

  let r = await letter(mum);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-disposition'), `inline; filename="closure-${c.reference}.pdf"`);
  let text = textOf(r.bytes, '-layout');
  assert.ok(text.includes('Dear فاطمة العلي,'), `an Arabic name intact in:\n${text}`);
  assert.ok(text.includes('12 Harbour Row'), 'her own address: the letter goes to her');
  assert.ok(text.includes('Our work with your family has finished'));
  assert.ok(squeeze(text).includes(squeeze('your family decided not to go ahead with the family meeting')), 'the reason in family words');
  assert.ok(squeeze(text).includes(squeeze(summary)), 'the summary');
  assert.ok(text.includes('Sam Patel'), 'who to talk to now: the referrer');
  assert.ok(text.includes(c.reference) && text.includes(SERVICE));

  r = await letter(child);
  text = textOf(r.bytes, '-layout');
  assert.ok(text.includes('Hello ياسمين العلي,'), `the child's own letter, in her name:\n${text}`);
  assert.ok(squeeze(text).includes(squeeze('your family decided not to have the family meeting')), 'the reason in a child’s words');
  assert.ok(text.includes('Childline'));
  assert.ok(!text.includes('12 Harbour Row'), 'nobody else’s address');

  r = await letter('referrer');
  text = textOf(r.bytes, '-layout');
  assert.ok(text.includes('Dear Sam Patel,'));
  assert.ok(text.includes("Social worker, Children's Social Care"));
  assert.ok(text.includes('ياسمين العلي'), 'the child named');
  assert.ok(squeeze(text).includes(squeeze('the family withdrew from the process')), 'the reason in the procedure’s words');
  assert.ok(squeeze(text).includes(squeeze(summary)));
  assert.ok(text.includes('OFFICIAL-SENSITIVE'));
  assert.ok(!text.includes('12 Harbour Row'), 'a confidential address never reaches a professional');

  r = await letter(nurse);
  text = textOf(r.bytes, '-layout');
  assert.ok(text.includes('Dear Rhian Llywelyn,') && text.includes('School nurse'), text);

  r = await letter(uncle);
  assert.equal(r.status, 409, 'no letter to someone excluded');
  assert.match(JSON.parse(r.bytes.toString('utf8')).errors[0].message, /Krzysztof Wójcik is excluded/);
  assert.equal((await letter('referrer', 'referrer')).status, 403);
  assert.equal((await letter('referrer', null)).status, 401);
  assert.equal((await letter('f'.repeat(32))).status, 404);
});

test('the evaluation forms print with the interface’s questions: the child’s in child-friendly words and with their name', async () => {
  const [c] = await casesOf(['Zofia Kowalska']);
  let r = await fetchPdf(`/api/cases/${c.id}/evaluation-forms/child`);
  assert.equal(r.status, 200);
  let text = textOf(r.bytes, '-layout');
  assert.ok(text.includes('What did you think of your family meeting?'));
  assert.ok(text.includes('Zofia Kowalska'), 'the child’s name on their form');
  for (const q of ['How did you feel about the way people listened to you?', 'How do you feel about understanding your family’s plan?',
    'did you feel safe?'])
    assert.ok(text.includes(q), `the question "${q}"`);
  assert.match(text, /☐ Happy\s+☐ Okay\s+☐ Sad/);
  r = await fetchPdf(`/api/cases/${c.id}/evaluation-forms/family`);
  text = textOf(r.bytes, '-layout');
  for (const q of ['Did you feel listened to at the family meeting?', 'Does the plan feel like your family’s own plan?',
    'Would you tell another family to have a family meeting?'])
    assert.ok(text.includes(q), `the question "${q}"`);
  assert.match(text, /☐ Yes\s+☐ Partly\s+☐ No/);
  assert.match(text, /The family meeting on \w+day \d+ \w+ 20\d\d/);
  assert.equal((await fetchPdf(`/api/cases/${c.id}/evaluation-forms/child`, 'referrer')).status, 403);
});
