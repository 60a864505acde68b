// The family network: people recorded once and found by search, their
// relationships and households, the genogram, invitations, conversations,
// exclusions, and the safety rule that keeps excluded or restricted people
// from being chosen to receive anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, createCase, screening, personId, sql, users, DEMO } from './lib.mjs';

const at = (id) => (path, body, method = 'POST', as = 'service_manager') => api(method, `/api/cases/${id}${path}`, body, { as });
const ok = (r) => { assert.equal(r.status, 200, r.text); return r.json; };
const fieldError = (r, field) => {
  assert.equal(r.status, 422, r.text);
  const e = r.json.errors.find((x) => x.field === field);
  assert.ok(e, `expected an error for ${field}: ${r.text}`);
  return e.message;
};

async function familyCase(name = 'Zofia Nowak') {
  const c = await createCase({ child_name: name, child_dob: '2014-06-02' });
  const call = at(c.id);
  ok(await call('/screening', screening()));
  return { c, call };
}

test('the child is on their own case as its subject, and a person is recorded with all their details', async () => {
  const { c, call } = await familyCase();
  const child = c.people.find((p) => p.subject);
  assert.ok(child, 'the booked child is a person on the case');
  assert.equal(child.name, 'Zofia Nowak');
  assert.equal(child.dob, '2014-06-02');
  assert.equal(child.role, 'child');

  const v = ok(await call('/people', {
    name: 'Anna Nowak', known_as: 'Ania', dob: '1988-03-14', gender: 'female', pronouns: 'she/her',
    first_language: 'Polish', interpreter: 'spoken', interpreter_language: 'Polish',
    religion_culture: 'Catholic; prefers meetings not on Sundays', accessibility: 'Step-free access',
    email: 'anna@example.org', phone: '07700 900123', address: '1 Hidden Street, Blackpool',
    address_confidential: true, role: 'parent', relationship: 'mother', parental_responsibility: true,
  }));
  const anna = v.people.find((p) => p.name === 'Anna Nowak');
  assert.equal(anna.known_as, 'Ania');
  assert.equal(anna.interpreter_title, 'A spoken-language interpreter');
  assert.equal(anna.address_confidential, true);
  assert.equal(anna.status, 'not_invited');
  assert.equal(anna.age_words, 'Born 1988');
  assert.equal(v.stage, 'consent', 'a new person with PR keeps the case waiting for consent');
});

test('wrong details are refused with the field named, and nothing is saved', async () => {
  const { c, call } = await familyCase('Kacper Wrong');
  const before = c.people.length;
  const base = { name: 'Jan Nowak', role: 'parent', parental_responsibility: false };
  assert.match(fieldError(await call('/people', { ...base, dob: '2090-01-01' }), 'dob'), /today or in the past/);
  assert.match(fieldError(await call('/people', { ...base, dob: '1980-01-01', approx_age: 40 }), 'approx_age'), /not both/);
  assert.match(fieldError(await call('/people', { ...base, interpreter: 'sign' }), 'interpreter_language'), /language/);
  assert.match(fieldError(await call('/people', { ...base, contact_restriction: 'no_contact' }), 'contact_restriction_note'), /based on/);
  assert.match(fieldError(await call('/people', { ...base, death_year: 2019 }), 'death_year'), /only for someone who has died/);
  assert.match(fieldError(await call('/people', { ...base, gender: 'robot' }), 'gender'), /Select their gender/);
  assert.match(fieldError(await call('/people', { role: 'parent', parental_responsibility: false }), 'name'), /full name/);
  const after = ok(await api('GET', `/api/cases/${c.id}`));
  assert.equal(after.people.length, before, 'no person was added by a refused request');
});

test('relationships and households are recorded, checked and shown in words', async () => {
  const { c, call } = await familyCase('Maja Kowal');
  const child = c.people.find((p) => p.subject).id;
  let v;
  for (const p of [
    { name: 'Ewa Kowal', gender: 'female', role: 'parent', parental_responsibility: true },
    { name: 'Piotr Kowal', gender: 'male', role: 'parent', parental_responsibility: true },
    { name: 'Irena Kowal', gender: 'female', approx_age: 70, role: 'relative', parental_responsibility: false },
    { name: 'Marek Kowal', gender: 'male', deceased: true, death_year: 2019, role: 'relative', parental_responsibility: false },
    { name: 'Ms Teacher', gender: 'female', role: 'professional', parental_responsibility: false },
  ]) v = ok(await call('/people', p));
  const id = (n) => personId(v, n);
  const rel = (a, kind, b, extra = {}) => call('/relationships', { a, kind, b, ...extra });
  ok(await rel(id('Ewa Kowal'), 'parent_birth', child));
  ok(await rel(id('Piotr Kowal'), 'parent_birth', child));
  ok(await rel(id('Ewa Kowal'), 'partner_divorced', id('Piotr Kowal'), { start_year: 2010, end_year: 2018 }));
  ok(await rel(id('Irena Kowal'), 'parent_birth', id('Ewa Kowal')));
  ok(await rel(id('Marek Kowal'), 'parent_birth', id('Ewa Kowal')));
  ok(await rel(id('Irena Kowal'), 'partner_married', id('Marek Kowal'), { start_year: 1980 }));
  ok(await rel(id('Ms Teacher'), 'professional', child, { agency: 'St Anne’s Primary', professional_role: 'Class teacher' }));

  assert.match(fieldError(await rel(child, 'sibling', child), 'b'), /two different people/);
  assert.match(fieldError(await rel(id('Ewa Kowal'), 'parent_adoptive', child), 'b'), /already have a relationship/);
  assert.match(fieldError(await rel(id('Irena Kowal'), 'friend', child, { start_year: 2000 }), 'start_year'), /only for partners/);
  assert.match(fieldError(await rel(id('Irena Kowal'), 'professional', child), 'agency'), /agency/);
  assert.match(fieldError(await rel(id('Irena Kowal'), 'partner_divorced', id('Piotr Kowal'), { start_year: 2000, end_year: 1990 }), 'end_year'), /after/);
  assert.match(fieldError(await rel('0'.repeat(32), 'friend', child), 'a'), /recorded on this case/);

  ok(await call('/households', { label: 'Ewa’s home', members: [id('Ewa Kowal'), child] }));
  const net = ok(await api('GET', `/api/cases/${c.id}/network`));
  assert.equal(net.relationships.length, 7);
  assert.equal(net.households.length, 1);
  assert.deepEqual(net.households[0].members.map((m) => m.name).sort(), ['Ewa Kowal', 'Maja Kowal']);
  const ewa = net.people.find((p) => p.name === 'Ewa Kowal');
  assert.ok(ewa.links.includes('Birth parent of Maja Kowal'), JSON.stringify(ewa.links));
  assert.ok(ewa.links.includes('Divorced from Piotr Kowal'));
  assert.ok(net.people.find((p) => p.subject).links.includes('Child of Ewa Kowal'), 'each side in its own words');
  assert.equal(net.people.find((p) => p.subject).household, 'Ewa’s home', 'where the child lives now');

  // Moving the child to their father's: the first household keeps only Ewa.
  ok(await call('/households', { label: 'Piotr’s flat', members: [id('Piotr Kowal'), child] }));
  const after = ok(await api('GET', `/api/cases/${c.id}/network`));
  assert.deepEqual(after.households.map((h) => [h.label, h.members.length]), [['Ewa’s home', 1], ['Piotr’s flat', 2]]);

  const relId = net.relationships.find((r) => r.kind === 'professional').id;
  ok(await api('DELETE', `/api/cases/${c.id}/relationships/${relId}`));
  assert.equal((await api('DELETE', `/api/cases/${c.id}/relationships/${relId}`)).status, 404);

  // The genogram: SVG, with the case's reference and no address in it.
  const g = await api('GET', `/api/cases/${c.id}/genogram`);
  assert.equal(g.status, 200);
  assert.match(g.headers.get('content-type'), /^image\/svg\+xml/);
  assert.match(g.text, /<svg[^>]*role="img"/);
  assert.ok(g.text.includes(c.reference));
  assert.ok(g.text.includes('Ewa Kowal') || g.text.includes('Ewa'));
});

test('a person is found by search and put on a second case without typing them again', async () => {
  const first = await familyCase('Lena Brzoza');
  const v = ok(await first.call('/people', { name: 'Grazyna Brzozowska', gender: 'female', role: 'relative', parental_responsibility: false }));
  const gran = v.people.find((p) => p.name === 'Grazyna Brzozowska');
  ok(await first.call('/relationships', { a: gran.id, kind: 'grandparent', b: v.people.find((p) => p.subject).id }));

  const found = ok(await api('GET', '/api/people?q=brzozow'));
  const hit = found.people.find((p) => p.id === gran.person_id);
  assert.ok(hit, 'found by part of the name, ignoring case');
  assert.ok(hit.cases.some((x) => x.reference === first.c.reference));
  // Search reaches only the cases one may see.
  const south = ok(await api('GET', '/api/people?q=brzozow', undefined, { as: 'south_coordinator' }));
  assert.equal(south.people.length, 0);
  assert.equal((await api('GET', '/api/people?q=a')).status, 422);
  assert.equal((await api('GET', '/api/people?q=brz', undefined, { as: 'referrer' })).status, 403);

  const second = await familyCase('Tymon Brzoza');
  const w = ok(await second.call('/people', { person_id: gran.person_id, role: 'relative', parental_responsibility: false }));
  const again = w.people.find((p) => p.person_id === gran.person_id);
  assert.equal(again.name, 'Grazyna Brzozowska');
  assert.match(fieldError(await second.call('/people', { person_id: gran.person_id, role: 'relative', parental_responsibility: false }), 'person_id'), /already on this case/);

  // Her details changed on one case are her details everywhere.
  ok(await second.call(`/people/${again.id}`, { name: 'Grażyna Brzozowska', gender: 'female', role: 'relative', parental_responsibility: false, phone: '01253 000000' }, 'PUT'));
  const one = ok(await api('GET', `/api/cases/${first.c.id}/people/${gran.id}`));
  assert.equal(one.person.name, 'Grażyna Brzozowska');
  assert.equal(one.person.phone, '01253 000000');
  assert.equal((await api('GET', `/api/cases/${first.c.id}/people/${'0'.repeat(32)}`)).status, 404);
});

test('invitations, conversations, answers and exclusions; the safety rule refuses and is audited', async () => {
  const { c, call } = await familyCase('Oskar Las');
  let v;
  for (const p of [
    { name: 'Olga Las', gender: 'female', role: 'parent', parental_responsibility: true },
    { name: 'Robert Las', gender: 'male', role: 'parent', parental_responsibility: true, contact_restriction: 'no_contact', contact_restriction_note: 'Non-molestation order, March 2026' },
    { name: 'Uncle Dariusz', gender: 'male', role: 'relative', parental_responsibility: false },
    { name: 'Nan Halina', gender: 'female', role: 'relative', parental_responsibility: false, contact_restriction: 'no_meeting_details', contact_restriction_note: 'Shares details with Robert' },
  ]) v = ok(await call('/people', p));
  const id = (n) => personId(v, n);

  const refused = await call('/invitations', { invited: [id('Olga Las'), id('Robert Las')] }, 'PUT');
  assert.match(fieldError(refused, 'invited'), /Robert Las cannot be sent an invitation: their contact restriction says "Must not be contacted by the service"/);
  assert.match(fieldError(await call('/invitations', { invited: [id('Nan Halina')] }, 'PUT'), 'invited'), /Nan Halina cannot be sent an invitation/);
  let net = ok(await api('GET', `/api/cases/${c.id}/network`));
  assert.equal(net.people.filter((p) => p.invited).length, 0, 'a refused list changes nobody');
  const audited = await sql(`SELECT COUNT(*) FROM audit_log WHERE case_id = '${c.id}' AND outcome = 'refused_safety'`);
  assert.equal(audited, '2', 'each refusal is in the audit trail');
  assert.match(net.people.find((p) => p.name === 'Robert Las').barred, /contact restriction/);

  v = ok(await call('/invitations', { invited: [id('Olga Las'), id('Uncle Dariusz')] }, 'PUT'));
  assert.deepEqual(v.people.filter((p) => p.invited).map((p) => p.name).sort(), ['Olga Las', 'Uncle Dariusz']);

  // The coordinator speaks to each invitee beforehand.
  ok(await call('/conversations', { member_id: id('Olga Las'), held_on: '2026-11-20', method: 'visit', outcome: 'Will come; wants her sister there.', worries: 'Worried Robert will find out the venue.' }));
  assert.match(fieldError(await call('/conversations', { member_id: id('Olga Las'), held_on: '2090-01-01', method: 'phone', outcome: 'x' }), 'held_on'), /past/);
  ok(await call('/responses', { member_id: id('Olga Las'), response: 'attending' }));
  assert.match(fieldError(await call('/responses', { member_id: id('Robert Las'), response: 'attending' }), 'member_id'), /Invite this person/);

  // Excluding someone withdraws their invitation; they cannot be invited again.
  const ex = { member_id: id('Uncle Dariusz'), reason: 'threatened_attendee', rationale: 'Threatened Olga in October; police log 1234.', decided_with: 'Rebecca Hall, team manager' };
  assert.match(fieldError(await call('/exclusions', { ...ex, reason: 'dislike' }), 'reason'), /reason/);
  assert.match(fieldError(await call('/exclusions', { ...ex, rationale: '' }), 'rationale'), /Enter/);
  v = ok(await call('/exclusions', ex));
  const uncle = v.people.find((p) => p.name === 'Uncle Dariusz');
  assert.equal(uncle.status, 'excluded');
  assert.equal(uncle.invited, false);
  assert.match(fieldError(await call('/exclusions', ex), 'member_id'), /already excluded/);
  assert.match(fieldError(await call('/exclusions', { ...ex, member_id: v.people.find((p) => p.subject).id }), 'member_id'), /cannot be excluded/);
  assert.match(fieldError(await call('/invitations', { invited: [id('Olga Las'), id('Uncle Dariusz')] }, 'PUT'), 'invited'),
    /Uncle Dariusz is excluded from the family meeting: They have threatened physical or emotional harm to someone attending, so they cannot be sent an invitation/);
  assert.match(fieldError(await call('/responses', { member_id: id('Uncle Dariusz'), response: 'attending' }), 'member_id'), /excluded/);

  net = ok(await api('GET', `/api/cases/${c.id}/network`));
  assert.equal(net.exclusions.length, 1);
  assert.equal(net.exclusions[0].reason_title, 'They have threatened physical or emotional harm to someone attending');
  assert.equal(net.exclusions[0].decided_by_name, 'Yusuf Ahmed');
  assert.equal(net.conversations[0].worries, 'Worried Robert will find out the venue.');
  assert.equal(net.people.find((p) => p.name === 'Olga Las').status, 'attending');

  // Lifting it keeps the decision on record and lets them be invited.
  ok(await call(`/exclusions/${net.exclusions[0].id}/lift`, { reason: 'Police took no further action; Olga agrees.' }));
  assert.match(fieldError(await call(`/exclusions/${net.exclusions[0].id}/lift`, { reason: 'again' }), 'reason'), /already been lifted/);
  ok(await call('/invitations', { invited: [id('Olga Las'), id('Uncle Dariusz')] }, 'PUT'));
  const last = ok(await api('GET', `/api/cases/${c.id}/network`));
  assert.ok(last.exclusions[0].lifted_at);
  assert.equal(last.people.find((p) => p.name === 'Uncle Dariusz').status, 'invited');

  // A restriction recorded after the invitation withdraws it.
  const olga = last.people.find((p) => p.name === 'Olga Las');
  v = ok(await call(`/people/${olga.id}`, { name: 'Olga Las', gender: 'female', role: 'parent', parental_responsibility: true, contact_restriction: 'no_meeting_details', contact_restriction_note: 'Court order, 20 November 2026' }, 'PUT'));
  const after = v.people.find((p) => p.name === 'Olga Las');
  assert.equal(after.invited, false, 'the invitation is withdrawn');
  assert.equal(after.status, 'not_invited');
  assert.match(after.barred, /Olga Las cannot be sent an invitation/);

  // Referrers do not see the network; the timeline names each step.
  assert.equal((await api('GET', `/api/cases/${c.id}/network`, undefined, { as: 'referrer' })).status, 403);
  const tl = ok(await api('GET', `/api/cases/${c.id}/timeline`));
  const said = JSON.stringify(tl);
  assert.match(said, /Uncle Dariusz excluded from the family meeting/);
  assert.match(said, /Exclusion of Uncle Dariusz lifted/);
  assert.match(said, /Olga Las's details changed. Their invitation is withdrawn/);
});

test('the solicitor request and the child\'s several ways of taking part are part of preparation', async () => {
  const u = await users();
  const { c, call } = await familyCase('Ida Solicitor');
  const v = ok(await call('/people', { name: 'Parent Ida', role: 'parent', parental_responsibility: true }));
  ok(await call('/consents', { person_id: personId(v, 'Parent Ida'), to_meeting: true, to_sharing: true, method: 'verbal' }));
  ok(await call('/allocation', { coordinator_id: u.coordinator.find((x) => x.email === DEMO.coordinator).id }));
  ok(await call('/first-contact', { contacted: 'Parent Ida', method: 'phone' }));
  assert.match(fieldError(await call('/preparation', { solicitor_requested: true }, 'PUT'), 'solicitor_explanation'), /explained/);
  assert.match(fieldError(await call('/preparation', { child_contribution: ['letter', 'singing'] }, 'PUT'), 'child_contribution'), /Select/);
  assert.match(fieldError(await call('/preparation', { child_wants_to_attend: 'none', child_contribution: ['in_person'] }, 'PUT'), 'child_contribution'), /cannot reach it in person/);
  assert.match(fieldError(await call('/preparation', { interpreter_needed: false, interpreter_language: 'Polish' }, 'PUT'), 'interpreter_language'), /Leave the language empty/);
  const p = ok(await call('/preparation', {
    solicitor_requested: true, solicitor_requested_by: 'Parent Ida',
    solicitor_explanation: 'Explained the meeting is not a legal forum and a solicitor would change it.',
    child_contribution: ['letter', 'advocate'],
  }, 'PUT'));
  assert.equal(p.preparation.solicitor_requested, true);
  assert.deepEqual(p.preparation.child_contribution, ['letter', 'advocate']);
  assert.deepEqual(p.preparation.child_contribution_titles, ['A letter', 'Through an advocate']);
});
