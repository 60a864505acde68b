// Every transition the state machine refuses answers 409 with a sentence
// that says what is missing, and leaves the case exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, users, createCase, screening, personId, daysAgo, dateOnly } from './lib.mjs';

let u;
const get = async (id) => (await api('GET', `/api/cases/${id}`)).json;
const ok = async (id, path, body, method = 'POST') => {
  const r = await api(method, `/api/cases/${id}${path}`, body);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.json;
};
// Asserts a 409 whose message matches `pattern` and that nothing changed.
async function refused(id, path, body, pattern, method = 'POST') {
  const before = await get(id);
  const r = await api(method, `/api/cases/${id}${path}`, body);
  assert.equal(r.status, 409, `${path} should be refused: ${r.text}`);
  assert.match(r.json.errors[0].message, pattern);
  assert.deepEqual(await get(id), before, `${path}: a refused action changes nothing`);
}

async function accepted(overrides = {}) {
  u ??= await users();
  const c = await createCase(overrides);
  return ok(c.id, '/screening', screening());
}
async function withParents(c) {
  c = await ok(c.id, '/people', { name: 'Mum', role: 'parent', parental_responsibility: true });
  return ok(c.id, '/people', { name: 'Dad', role: 'parent', parental_responsibility: true });
}
const consent = (c, name, yes = true) => ok(c.id, '/consents', {
  person_id: personId(c, name), to_meeting: yes, to_sharing: true, method: 'verbal',
});
async function toPreparation() {
  let c = await withParents(await accepted({ consultation_at: daysAgo(30) }));
  c = await consent(c, 'Mum');
  c = await consent(c, 'Dad');
  c = await ok(c.id, '/allocation', { coordinator_id: u.coordinator[0].id });
  return ok(c.id, '/first-contact', { contacted: 'Mum', method: 'phone' });
}
async function toPlan() {
  let c = await toPreparation();
  c = await ok(c.id, '/meeting', { scheduled_at: daysAgo(2), venue: 'Hall' });
  return ok(c.id, '/meeting/record', {
    attendance: [{ person_id: personId(c, 'Mum'), attended: true }],
    information_sharing: 'x', private_family_time: 'y', agreeing_the_plan: 'z', outcome: 'plan_agreed',
  });
}
const plan = {
  items: [{ concern: 'c', action: 'a', who: 'w', by_when: dateOnly(new Date(Date.now() + 864e6)) }],
  monitoring: 'm', monitored_by: 'Social worker', contingency: 'k',
};

test('consultation-stage refusals', async () => {
  u ??= await users();
  const c = await createCase();
  await refused(c.id, '/emergency-decision', { decision: 'approved' }, /not made as an emergency/);
  await refused(c.id, '/allocation', { coordinator_id: u.coordinator[0].id }, /not possible while the case is at the "Consultation" stage/);
  await refused(c.id, '/closure', { reason: 'family_withdrew', summary: 's' }, /cannot withdraw before the referral is accepted/);
  await refused(c.id, '/evaluations', { respondent_kind: 'child', respondent_name: 'x', felt_listened_to: 'happy', understood_plan: 'okay', felt_safe: 'sad' }, /has not had one/);
  const e = await createCase({ emergency: true, emergency_reason: 'Placement breaking down' });
  await refused(e.id, '/screening', screening(), /service manager must approve or decline the emergency request/);
  const r = await api('POST', `/api/cases/${e.id}/emergency-decision`, { decision: 'approved' }, { as: 'team_manager' });
  assert.equal(r.status, 403, 'only a service manager may decide');
  await ok(e.id, '/emergency-decision', { decision: 'approved' });
  await refused(e.id, '/emergency-decision', { decision: 'declined' }, /already decided/);
  const s = await ok(e.id, '/screening', screening());
  assert.equal(s.stage, 'consent');
  await refused(e.id, '/consultation', { ...(await import('./lib.mjs')).booking() }, /only be changed before the referral is screened/, 'PUT');
});

test('screening out ends the case as not accepted', async () => {
  u ??= await users();
  const c = await createCase();
  const s = await ok(c.id, '/screening', screening({ isolated_asylum_seeking_child: true }));
  assert.equal(s.stage, 'not_accepted');
  assert.equal(s.screening.not_appropriate.isolated_asylum_seeking_child, true);
  await refused(c.id, '/people', { name: 'X', role: 'friend', parental_responsibility: false }, /not accepted, so nothing more can be done/);
});

test('no allocation before everyone with parental responsibility has consented', async () => {
  let c = await accepted();
  await refused(c.id, '/allocation', { coordinator_id: u.coordinator[0].id }, /no one with parental responsibility has been recorded/);
  c = await withParents(c);
  c = await consent(c, 'Mum');
  c = await consent(c, 'Mum');
  assert.equal(c.stage, 'consent', 'the same person consenting twice is still one of two');
  await refused(c.id, '/allocation', { coordinator_id: u.coordinator[0].id }, /until everyone with parental responsibility has consented: 1 of 2 have/);
  await refused(c.id, '/consents', { person_id: c.people[0].id, to_meeting: true, to_sharing: true, method: 'verbal' }, /only for people with parental responsibility/);
  await refused(c.id, '/first-contact', { contacted: 'Mum', method: 'phone' }, /allocate a coordinator first/);
  c = await consent(c, 'Dad');
  assert.equal(c.stage, 'allocation');
  const r = await api('POST', `/api/cases/${c.id}/allocation`, { coordinator_id: u.team_manager[0].id });
  assert.equal(r.status, 422, 'a manager who is not a coordinator cannot be allocated');
  assert.equal(r.json.errors[0].field, 'coordinator_id');
  c = await ok(c.id, '/people', { name: 'Step-dad', role: 'parent', parental_responsibility: true });
  assert.equal(c.stage, 'consent', 'a new person with parental responsibility must consent too');
});

test('a refusal of consent closes the case', async () => {
  let c = await withParents(await accepted());
  c = await consent(c, 'Mum', false);
  assert.equal(c.stage, 'closed');
  assert.equal(c.closure.reason, 'consent_not_given');
  await refused(c.id, '/allocation', { coordinator_id: u.coordinator[0].id }, /closed, so nothing more can be done/);
});

test('closure reasons must fit the stage', async () => {
  const c = await withParents(await accepted());
  await refused(c.id, '/closure', { reason: 'review_completed', summary: 's' }, /needs a review meeting/);
  await refused(c.id, '/closure', { reason: 'no_review', summary: 's' }, /sent out and is being monitored/);
  const p = await toPreparation();
  await refused(p.id, '/closure', { reason: 'consent_not_given', summary: 's' }, /waiting for consent/);
  const closed = await ok(p.id, '/closure', { reason: 'unsafe_to_proceed', summary: 'Risk of violence.' });
  assert.equal(closed.stage, 'closed');
});

test('meeting and plan refusals', async () => {
  const p = await toPreparation();
  await refused(p.id, '/meeting/record', { attendance: [{ name: 'A', attended: true }], information_sharing: 'x', private_family_time: 'y', agreeing_the_plan: 'z', outcome: 'plan_agreed' }, /Arrange the family meeting before recording it/);
  await refused(p.id, '/plan', plan, /no plan before a family meeting/, 'PUT');
  await ok(p.id, '/meeting', { scheduled_at: new Date(Date.now() + 7 * 864e5).toISOString(), venue: 'Hall' });
  await refused(p.id, '/meeting/record', { attendance: [{ name: 'A', attended: true }], information_sharing: 'x', private_family_time: 'y', agreeing_the_plan: 'z', outcome: 'plan_agreed' }, /has not happened yet/);

  const c = await toPlan();
  await refused(c.id, '/plan/referrer-decision', { decision: 'agreed' }, /Record the family plan before the referrer decides/);
  await ok(c.id, '/plan', plan, 'PUT');
  await refused(c.id, '/plan/validation', {}, /referrer has not agreed it yet/);
  await refused(c.id, '/distributions', { recipients: [{ recipient: 'X', method: 'post' }] }, /once the referrer has agreed it and a manager has validated it/);
  await ok(c.id, '/plan/referrer-decision', { decision: 'agreed' });
  await refused(c.id, '/plan', plan, /can no longer be changed/, 'PUT');
  await ok(c.id, '/plan/validation', {});
  await refused(c.id, '/distributions/complete', {}, /at least one person who was sent the plan/);
  await refused(c.id, '/review/record', { information_sharing: 'x', agreeing_the_plan: 'y', item_statuses: [{ item_id: '0'.repeat(32), status: 'done' }] }, /not possible while the case is at the "Plan distribution" stage/);
});

test('without agreement: another meeting, or the referrer\'s alternative arrangements', async () => {
  let c = await toPlan();
  await ok(c.id, '/plan', plan, 'PUT');
  c = await ok(c.id, '/plan/referrer-decision', { decision: 'refused', reason: 'Leaves the child with the person who harmed her.' });
  assert.equal(c.stage, 'no_agreement');
  assert.equal(c.plans[0].referrer_reason, 'Leaves the child with the person who harmed her.');
  c = await ok(c.id, '/no-agreement', { choice: 'reconvene' });
  assert.equal(c.stage, 'preparation');
  c = await ok(c.id, '/meeting', { scheduled_at: daysAgo(1), venue: 'Hall' });
  c = await ok(c.id, '/meeting/record', { attendance: [{ name: 'A', attended: true }], information_sharing: 'x', private_family_time: 'y', agreeing_the_plan: 'z', outcome: 'plan_agreed' });
  assert.equal(c.stage, 'plan');
  c = await ok(c.id, '/plan', plan, 'PUT');
  assert.equal(c.plans.length, 2, 'the reconvened meeting makes a new version; the refused one is kept');
  assert.equal(c.plans[0].referrer_decision, 'refused');
  c = await ok(c.id, '/plan/referrer-decision', { decision: 'agreed' });
  assert.equal(c.stage, 'plan');

  let n = await toPreparation();
  n = await ok(n.id, '/meeting', { scheduled_at: daysAgo(1), venue: 'Hall' });
  n = await ok(n.id, '/meeting/record', { attendance: [{ name: 'A', attended: true }], information_sharing: 'x', private_family_time: 'y', outcome: 'no_agreement' });
  assert.equal(n.stage, 'no_agreement');
  await refused(n.id, '/closure', { reason: 'no_review', summary: 's' }, /being monitored/);
  n = await ok(n.id, '/no-agreement', { choice: 'alternative_arrangements', note: 'Child in need meeting instead.' });
  assert.equal(n.no_agreement.choice, 'alternative_arrangements');
  await refused(n.id, '/no-agreement', { choice: 'reconvene' }, /already been decided/);
  n = await ok(n.id, '/closure', { reason: 'unsafe_to_proceed', summary: 'Referrer making other arrangements.' });
  assert.equal(n.stage, 'closed');
});
