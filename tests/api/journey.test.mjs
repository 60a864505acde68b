// A whole case, from booking the consultation to closure and evaluation,
// through every stage, as the API is used by a coordinator and managers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, users, createCase, screening, personId, daysAgo, dateOnly, booking } from './lib.mjs';

const clock = (c, name) => c.clocks.find((k) => k.clock === name);

test('a case goes from consultation to closure and evaluation', async () => {
  const u = await users();
  const coordinator = u.coordinator[0].id;
  const manager = u.team_manager[0].id;

  // Booked by the referrer; screened, consented and allocated by the team
  // manager; run by the allocated coordinator: each as themself.
  let c = await createCase({ consultation_at: daysAgo(40), child_name: 'أمير حسن' }, { as: 'referrer' });
  assert.equal(c.stage, 'consultation');
  assert.match(c.reference, /^FTM-\d{4}-\d{4,}$/);
  assert.equal(c.child.name, 'أمير حسن');
  assert.equal(c.people, undefined, "the referrer's view leaves out the family's details");
  assert.deepEqual(c.next_actions.map((a) => a.action), ['update_consultation'], 'a referrer is offered only what a referrer may do');
  const full = await api('GET', `/api/cases/${c.id}`, undefined, { as: 'team_manager' });
  assert.equal(full.json.people.length, 1, 'the child is a person on the case');
  assert.equal(clock(c, 'allocation').status, 'overdue', 'allocation 48 hours after a consultation 40 days ago is overdue');
  const id = c.id;
  let as = 'team_manager';
  const post = async (path, body, method = 'POST', who = as) => {
    const r = await api(method, `/api/cases/${id}${path}`, body, { as: who });
    assert.equal(r.status, 200, `${method} ${path}: ${r.text}`);
    return r.json;
  };

  c = await post('/screening', screening({ section_47_enquiry: true }));
  assert.equal(c.stage, 'consent');
  assert.equal(c.screening.special_considerations.section_47_enquiry, true);

  c = await post('/people', { name: 'Fatima Hassan', role: 'parent', relationship: 'mother', parental_responsibility: true });
  c = await post('/people', { name: 'Omar Hassan', role: 'parent', relationship: 'father', parental_responsibility: true });
  c = await post('/people', { name: 'Layla Hassan', role: 'relative', relationship: 'aunt', parental_responsibility: false });
  const mother = personId(c, 'Fatima Hassan'), father = personId(c, 'Omar Hassan'), aunt = personId(c, 'Layla Hassan');

  c = await post('/consents', { person_id: mother, to_meeting: true, to_sharing: true, method: 'verbal', given_at: daysAgo(39) });
  assert.equal(c.stage, 'consent', 'one of two people with parental responsibility has consented');
  assert.deepEqual(c.consent_summary, { parental_responsibility_holders: 2, consented: 1 });
  c = await post('/consents', { person_id: father, to_meeting: true, to_sharing: true, method: 'written' });
  assert.equal(c.stage, 'allocation');

  c = await post('/allocation', { coordinator_id: coordinator, allocated_at: daysAgo(39) });
  assert.equal(c.stage, 'first_contact');
  assert.equal(c.allocation.coordinator_id, coordinator);
  assert.equal(clock(c, 'allocation').status, 'met');
  as = 'coordinator';

  c = await post('/first-contact', { contacted: 'Fatima Hassan', method: 'visit', contacted_at: daysAgo(38) });
  assert.equal(c.stage, 'preparation');

  c = await post('/preparation', {
    child_wants_to_attend: 'part', child_contribution: ['drawing', 'advocate'],
    child_wishes: 'Seeing my cousins', child_words: 'أريد أن أعيش مع أمي',
    advocate_offered: true, advocate_accepted: true, advocate_name: 'Jo Advocate',
    interpreter_needed: true, interpreter_language: 'Arabic',
  }, 'PUT');
  assert.equal(c.preparation.child_words, 'أريد أن أعيش مع أمي');
  assert.deepEqual(c.preparation.child_contribution_titles, ['A drawing', 'Through an advocate']);
  c = await post('/preparation', { access_needs: 'Step-free access' }, 'PUT');
  assert.equal(c.preparation.interpreter_language, 'Arabic', 'a partial update keeps earlier answers');
  assert.equal(c.preparation.access_needs, 'Step-free access');

  c = await post('/meeting', { scheduled_at: daysAgo(12), venue: "St Anne's Church Hall" });
  assert.equal(c.stage, 'meeting');
  c = await post('/meeting', { scheduled_at: daysAgo(11), online_link: 'https://teams.example.org/m/1' });
  assert.equal(c.meetings.length, 1, 'rearranging keeps one meeting');
  assert.equal(c.meetings[0].online_link, 'https://teams.example.org/m/1');

  c = await post('/meeting/record', {
    attendance: [
      { person_id: mother, attended: true }, { person_id: father, attended: true },
      { person_id: aunt, attended: false }, { name: 'Sam Patel', role: 'Social worker', attended: true },
    ],
    information_sharing: 'Worries about school shared.', private_family_time: 'One hour.',
    agreeing_the_plan: 'Agreed by all.', outcome: 'plan_agreed',
  });
  assert.equal(c.stage, 'plan');
  assert.equal(c.meetings[0].attendance.length, 4);
  assert.equal(clock(c, 'meeting').status, 'met');

  const plan = {
    items: [
      { concern: 'School', action: 'Aunt walks him to school', who: 'Layla Hassan', by_when: dateOnly(new Date(Date.now() + 14 * 864e5)) },
      { concern: 'Arguments', action: 'Parenting course', who: 'Both parents', by_when: dateOnly(new Date(Date.now() + 28 * 864e5)), support: 'Family hub' },
    ],
    monitoring: 'Fortnightly check-ins', monitored_by: 'Social worker and aunt',
    contingency: 'He stays with his aunt.', review_date: dateOnly(new Date(Date.now() + 20 * 864e5)),
  };
  c = await post('/plan', plan, 'PUT');
  assert.equal(c.plans.length, 1);
  assert.equal(c.plans[0].items.length, 2);
  c = await post('/plan', { ...plan, items: plan.items.slice(0, 1) }, 'PUT');
  assert.equal(c.plans.length, 1, 'changing the plan before agreement keeps one version');
  assert.equal(c.plans[0].items.length, 1);
  c = await post('/plan', plan, 'PUT');

  c = await post('/plan/referrer-decision', { decision: 'agreed' }, 'POST', 'referrer');
  assert.equal(c.plans[0].referrer_decision, 'agreed');
  c = await post('/plan/validation', {}, 'POST', 'team_manager');
  assert.equal(c.stage, 'distribution');
  assert.equal(c.plans[0].validated_by, manager);

  // The aunt is excluded: the plan cannot go to her, chosen or typed by name.
  c = await post('/exclusions', { member_id: aunt, reason: 'risk_to_children', rationale: 'Convicted of an offence against a child in 2020.' });
  for (const recipients of [[{ person_id: aunt, method: 'post' }], [{ recipient: 'layla hassan', method: 'email' }]]) {
    const r = await api('POST', `/api/cases/${id}/distributions`, { recipients }, { as });
    assert.equal(r.status, 422, r.text);
    assert.match(r.json.errors[0].message, /Layla Hassan is excluded from the family meeting: They pose a risk to children, so they cannot be sent the plan/);
  }
  assert.equal((await api('GET', `/api/cases/${id}`, undefined, { as })).json.distributions.length, 0, 'a refused sending records nothing');
  c = await post('/distributions', { recipients: [
    { person_id: mother, method: 'email', sent_at: daysAgo(9) },
    { person_id: father, method: 'post', sent_at: daysAgo(8) },
    { recipient: 'School nurse', method: 'by_hand' },
  ] });
  assert.equal(c.distributions.length, 3);
  assert.equal(c.distributions[0].recipient, 'Fatima Hassan');
  c = await post('/distributions/complete', {});
  assert.equal(c.stage, 'monitoring');
  assert.ok(['met', 'met_late'].includes(clock(c, 'plan_distribution').status));

  c = await post('/evaluations', { respondent_kind: 'family_member', person_id: mother, listened_to: 'yes', plan_is_ours: 'yes', would_recommend: 'partly' });
  c = await post('/evaluations', { respondent_kind: 'child', respondent_name: 'أمير', felt_listened_to: 'happy', understood_plan: 'okay', felt_safe: 'happy' });
  assert.equal(c.evaluations.length, 2);
  assert.deepEqual(c.evaluations[1].answers, { felt_listened_to: 'happy', felt_safe: 'happy', understood_plan: 'okay' });

  c = await post('/review', { scheduled_at: daysAgo(1), venue: 'Family hub' });
  assert.equal(c.stage, 'review');
  const items = c.plans[0].items;
  c = await post('/review/record', {
    information_sharing: 'Attendance is up.', agreeing_the_plan: 'Revised plan agreed.',
    item_statuses: [{ item_id: items[0].id, status: 'done' }, { item_id: items[1].id, status: 'in_progress', note: 'Course starts next month' }],
    monitoring: '', new_issues: 'Wants more time with dad', new_items: [{ concern: 'Time with dad', action: 'Thursday pick-ups', who: 'Omar Hassan', by_when: dateOnly(new Date(Date.now() + 30 * 864e5)) }],
  });
  assert.equal(c.plans.length, 2, 'the revised plan is a new version');
  assert.equal(c.plans[0].items[0].review_status, null, 'the first version is kept as it was');
  const v2 = c.plans[1];
  assert.equal(v2.version, 2);
  assert.equal(v2.items.length, 3);
  assert.equal(v2.items[0].review_status, 'done');
  assert.equal(v2.items[0].previous_item_id, items[0].id);
  assert.equal(v2.items[1].review_note, 'Course starts next month');
  assert.equal(v2.items[2].review_status, null);
  assert.equal(v2.monitoring, 'Fortnightly check-ins', 'unchanged (or blank) parts carry over');
  assert.equal(clock(c, 'review').status === 'met' || clock(c, 'review').status === 'met_late', true);

  c = await post('/closure', {
    reason: 'review_completed', summary: 'Plan working.',
    notifications: [{ recipient: 'Fatima Hassan', recipient_kind: 'family', method: 'post' }],
  });
  assert.equal(c.stage, 'closed');
  assert.equal(c.closure.reason, 'review_completed');
  assert.equal(c.closure.notifications.length, 1);
  const letter = await api('POST', `/api/cases/${id}/closure/notifications`, { recipient: 'Layla Hassan', recipient_kind: 'family', method: 'post' }, { as });
  assert.equal(letter.status, 422, 'no closure letter to the excluded aunt');
  assert.equal(letter.json.errors[0].field, 'recipient');
  c = await post('/closure/notifications', { recipient: 'Sam Patel', recipient_kind: 'referrer', method: 'email' });
  assert.equal(c.closure.notifications.length, 2);
  assert.deepEqual(c.next_actions.map((a) => a.action).sort(), ['record_evaluation', 'record_notification']);

  const t = await api('GET', `/api/cases/${id}/timeline`);
  assert.equal(t.status, 200);
  const actions = t.json.events.map((e) => e.action);
  for (const a of ['book_consultation', 'screen', 'record_consent', 'allocate', 'record_meeting', 'validate_plan', 'record_review', 'close'])
    assert.ok(actions.includes(a), `timeline has ${a}`);
});

test('the list finds a case by reference and by name, filters by stage, and pages', async () => {
  const c = await createCase({ child_name: 'Unique Searchname Ωmega' });
  let r = await api('GET', '/api/cases?q=searchname');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((i) => i.id === c.id), 'found by part of the name, any case');
  r = await api('GET', `/api/cases?q=${encodeURIComponent(c.reference.toLowerCase())}`);
  assert.deepEqual(r.json.items.map((i) => i.id), [c.id]);
  const finds = async (q) => (await api('GET', `/api/cases?q=${encodeURIComponent(q)}`)).json.items.some((i) => i.id === c.id);
  // The start of any word, words in any order, the reference's number alone.
  assert.ok(await finds('searchn'), 'the start of a word');
  assert.ok(await finds('SEARCHNAME unique'), 'words in any order, any case');
  assert.ok(await finds('ωmega'.replace('ω', 'Ω')), 'a word in another script');
  assert.ok(await finds(c.reference.slice(4)), 'the reference without its prefix');
  assert.ok(!(await finds('earchname')), 'not the middle of a word');
  assert.ok(!(await finds('searchname other')), 'every word must be there');
  // One word, no other filter, for someone who sees every case: from the
  // terms alone, newest booked first, and the count agrees with the pages.
  const all = (await api('GET', '/api/cases?q=kowal&per_page=1')).json;
  const pages = [];
  for (let page = 1; page <= all.total; page++)
    pages.push(...(await api('GET', `/api/cases?q=kowal&per_page=1&page=${page}`)).json.items.map((i) => i.id));
  assert.ok(all.total >= 2, `the demo's Kowalskis: ${all.total}`);
  assert.deepEqual(pages, [...pages].sort().reverse(), 'newest booked first');
  assert.equal(new Set(pages).size, all.total, 'each case once, however many of its words match');
  // The booking's answers changed: the new name is found at once.
  const revised = await api('PUT', `/api/cases/${c.id}/consultation`, booking({ child_name: 'Unique Searchname Revisedword' }));
  assert.equal(revised.status, 200, revised.text);
  assert.ok(await finds('revisedw'), 'found by the name the booking now gives');
  // Renamed, the child is found by the new name and no longer by the old.
  const child = c.people.find((p) => p.subject);
  const renamed = await api('PUT', `/api/cases/${c.id}/people/${child.id}`,
    { name: 'Renamed Brightwater', role: 'child', gender: 'unknown', parental_responsibility: false });
  assert.equal(renamed.status, 200, renamed.text);
  assert.ok(await finds('brightwater'), 'found by the new name');
  assert.ok(!(await finds('searchname')), 'not by the old one');
  r = await api('GET', '/api/cases?stage=consultation&per_page=1&page=1');
  assert.equal(r.json.items.length, 1);
  assert.ok(r.json.total >= 1);
  assert.ok(r.json.items.every((i) => i.stage === 'consultation'));
  r = await api('GET', '/api/cases?q=100%25_');
  assert.equal(r.status, 200, 'LIKE wildcards are searched for literally');
  assert.equal(r.json.total, 0);
  r = await api('GET', '/api/cases?overdue=true&per_page=100');
  assert.ok(r.json.items.length > 0);
  assert.ok(r.json.items.every((i) => i.next_clock && i.next_clock.status === 'overdue'));
});

test('the dashboard counts stages and lists overdue clocks and the queues', async () => {
  const r = await api('GET', '/api/dashboard');
  assert.equal(r.status, 200);
  assert.equal(r.json.cases_by_stage.length, 13);
  assert.ok(r.json.overdue.length > 0, 'the demo data has overdue clocks');
  for (const o of r.json.overdue) assert.equal(o.clock.status, 'overdue');
  assert.ok(Array.isArray(r.json.allocation_queue));
  assert.ok(r.json.allocation_queue.every((c) => c.stage === 'allocation'));
  assert.ok(r.json.emergency_requests.every((c) => c.emergency === true));
  // Each list shows at most its 50 most urgent and says how many in all.
  for (const list of ['my_cases', 'overdue', 'due_within_5_working_days', 'allocation_queue', 'emergency_requests']) {
    assert.ok(r.json[list].length <= 50, list);
    assert.equal(r.json.totals[list], Math.max(r.json[list].length, r.json.totals[list]), list);
    if (r.json.totals[list] <= 50) assert.equal(r.json[list].length, r.json.totals[list], list);
    else assert.equal(r.json[list].length, 50, list);
  }
  const dues = r.json.overdue.map((o) => o.clock.due_by);
  assert.deepEqual(dues, [...dues].sort(), 'the longest overdue first');
});
