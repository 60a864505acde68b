// The access matrix: every route `hearth routes` prints, asked by nobody and
// by each role, about a case the person is related to and one they are not.
//
// The expectations below are written from the rules, not read from
// the server's table (src/domain/access.c), so the two check each other. A
// route whose action is missing here fails the test: adding a route means
// deciding who may use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, BIN, DEMO, signIn, users, createCase, screening, personId, daysAgo } from './lib.mjs';

const ROLES = ['coordinator', 'referrer', 'team_manager', 'service_manager', 'administrator'];
// R: only with a relation to the case (allocated coordinator, its referrer,
// manager of its team); A: always; -: never.
const PUBLIC = 'public';
const rule = (coordinator, referrer, team_manager, service_manager, administrator) =>
  ({ coordinator, referrer, team_manager, service_manager, administrator });
const EVERYONE = rule('A', 'A', 'A', 'A', 'A');
const ADMIN = rule('-', '-', '-', '-', 'A');
const CASEWORK = rule('R', '-', 'R', 'A', '-');
const WITH_REFERRER = rule('R', 'R', 'R', 'A', '-');
const MANAGERS = rule('-', '-', 'R', 'A', '-');

const EXPECTED = {
  home: PUBLIC, health: PUBLIC, openapi: PUBLIC, sign_in: PUBLIC, asset: PUBLIC, view_sign_in: PUBLIC,
  view_booking_form: rule('A', 'A', 'A', 'A', '-'),
  view_session: EVERYONE, sign_out: EVERYONE, second_factor: EVERYONE,
  start_enrolment: EVERYONE, confirm_enrolment: EVERYONE,
  list_own_sessions: EVERYONE, end_own_session: EVERYONE, change_own_password: EVERYONE,
  list_users: EVERYONE, list_teams: EVERYONE, view_timescales: EVERYONE, view_session_schedule: EVERYONE,
  change_session_schedule: rule('-', '-', '-', 'A', 'A'),
  view_service_settings: EVERYONE, change_service_settings: rule('-', '-', '-', 'A', 'A'),
  view_consultation_sessions: rule('A', 'A', 'A', 'A', '-'),
  view_user_form: ADMIN, list_venues: EVERYONE, view_venue: EVERYONE,
  add_venue: rule('-', '-', 'A', 'A', 'A'), change_venue: rule('-', '-', 'A', 'A', 'A'),
  list_tokens: EVERYONE, revoke_token: EVERYONE,
  add_user: ADMIN, view_user: ADMIN, change_user: ADMIN, reset_password: ADMIN, add_team: ADMIN,
  create_token: ADMIN, view_security_settings: ADMIN, change_security_settings: ADMIN,
  change_timescales: rule('-', '-', '-', 'A', 'A'),
  book_consultation: rule('A', 'A', 'A', 'A', '-'),
  list_cases: rule('A', 'A', 'A', 'A', '-'),
  dashboard: rule('A', '-', 'A', 'A', '-'),
  break_glass: rule('-', '-', 'A', '-', '-'),
  user_audit: rule('-', '-', 'A', 'A', '-'),
  view_case: WITH_REFERRER,
  view_timeline: CASEWORK,
  case_audit: MANAGERS,
  update_consultation: WITH_REFERRER,
  emergency_decision: rule('-', '-', '-', 'A', '-'),
  screen: MANAGERS, allocate: MANAGERS, validate_plan: MANAGERS,
  add_person: CASEWORK, record_consent: CASEWORK, first_contact: CASEWORK,
  update_preparation: CASEWORK, schedule_meeting: CASEWORK, record_meeting: CASEWORK,
  view_plan_document: WITH_REFERRER, // the referrer agrees the plan, so may read it
  record_plan: CASEWORK, referrer_decision: WITH_REFERRER, record_distribution: CASEWORK,
  complete_distribution: CASEWORK, send_plan: CASEWORK, no_agreement_decision: WITH_REFERRER,
  schedule_review: CASEWORK, record_review: CASEWORK, close: CASEWORK,
  record_notification: CASEWORK, record_evaluation: CASEWORK,
  // Letters carry addresses; forms are handed out by the coordinator.
  view_closure_letter: CASEWORK, view_evaluation_form: CASEWORK,
  // The family network stays with the people working the case.
  view_network: CASEWORK, view_genogram: CASEWORK, view_person: CASEWORK, view_invitations: CASEWORK, view_invitation_letter: CASEWORK,
  change_person: CASEWORK, add_relationship: CASEWORK, remove_relationship: CASEWORK,
  set_household: CASEWORK, change_invitations: CASEWORK, record_conversation: CASEWORK,
  record_response: CASEWORK, exclude_person: CASEWORK, lift_exclusion: CASEWORK,
  search_people: rule('A', '-', 'A', 'A', '-'),
};

const routes = () => execFileSync(BIN, ['routes'], { encoding: 'utf8' }).trim().split('\n')
  .map((l) => { const [method, pattern, action, page] = l.split(' '); return { method, pattern, action, page: page === 'page' }; });

// Pages about one case live at /cases/:id…, the API at /api/cases/:id….
const isCaseRoute = (route) => /^(\/api)?\/cases\/:id/.test(route.pattern);

test('every route has an expected rule in this matrix', () => {
  const missing = routes().filter((r) => !Object.hasOwn(EXPECTED, r.action)).map((r) => `${r.method} ${r.pattern} (${r.action})`);
  assert.deepEqual(missing, [], 'routes with no access rule in the matrix: decide who may use them');
});

// A case each demo person is related to (North team, referred by Sam,
// allocated to Grace) and one none of them is (South team, referred by
// Joanne, allocated to Tomasz).
async function setUp() {
  const u = await users();
  const teams = (await api('GET', '/api/teams')).json.teams;
  const south = teams.find((t) => t.name === 'South team').id;
  const ready = async (c, manager, coordinator) => {
    const post = async (path, body) => {
      const r = await api('POST', `/api/cases/${c.id}${path}`, body, { as: manager });
      assert.equal(r.status, 200, `${path}: ${r.text}`);
      return r.json;
    };
    await post('/screening', screening());
    const p = await post('/people', { name: 'Parent One', role: 'parent', parental_responsibility: true });
    await post('/consents', { person_id: personId(p, 'Parent One'), to_meeting: true, to_sharing: true, method: 'verbal' });
    return post('/allocation', { coordinator_id: coordinator });
  };
  const related = await createCase({ consultation_at: daysAgo(5), child_name: 'Matrix Related' }, { as: 'referrer' });
  await ready(related, 'team_manager', u.coordinator.find((x) => x.email === DEMO.coordinator).id);
  const unrelated = await createCase({ consultation_at: daysAgo(5), child_name: 'Matrix Unrelated', team_id: south }, { as: 'other_referrer' });
  await ready(unrelated, 'south_team_manager', u.coordinator.find((x) => x.email === DEMO.south_coordinator).id);
  // Account routes act on a throwaway account, never on a demo person.
  const spare = await api('POST', '/api/users', { name: 'Matrix Spare', email: `spare.${Date.now()}@example.org`, roles: ['referrer'] }, { as: 'administrator' });
  assert.equal(spare.status, 201, spare.text);
  const grace = u.coordinator.find((x) => x.email === DEMO.coordinator).id;
  return { related: related.id, unrelated: unrelated.id, spare: spare.json.id, grace };
}

const NOBODY = '0'.repeat(32);

function pathFor(route, ids, caseId) {
  if (isCaseRoute(route)) return route.pattern.replace(':id', caseId);
  if (route.pattern.startsWith('/api/users/:id')) return route.pattern.replace(':id', ids.spare);
  if (route.pattern === '/api/audit/users/:id') return route.pattern.replace(':id', ids.grace);
  return route.pattern.replace(':id', NOBODY); // own sessions, tokens: nothing to end
}

function assertHardened(r, what) {
  const csp = r.headers.get('content-security-policy') ?? '';
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.doesNotMatch(csp, /unsafe-inline/, `${what}: no inline script`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
  assert.ok(r.headers.get('referrer-policy'), `${what}: Referrer-Policy`);
  // Only the stylesheet and scripts may be kept by a browser.
  if (!what.includes('/assets/')) assert.equal(r.headers.get('cache-control'), 'no-store', what);
}

test('each role reaches exactly what the matrix allows, on related and unrelated cases', async () => {
  const ids = await setUp();
  const failures = [];
  let checked = 0;
  for (const route of routes()) {
    const expected = EXPECTED[route.action];
    if (!expected) continue; // reported by the test above
    const isCase = isCaseRoute(route);
    const body = ['POST', 'PUT'].includes(route.method) ? {} : undefined;
    // Nobody signed in: only the public routes answer.
    const anon = await api(route.method, pathFor(route, ids, ids.related), body, { as: null });
    assertHardened(anon, `${route.method} ${route.pattern} (nobody)`);
    checked++;
    if (expected === PUBLIC) {
      if ([401, 403].includes(anon.status)) failures.push(`${route.action}: public, but nobody got ${anon.status}`);
      continue;
    }
    if (anon.status !== 401) failures.push(`${route.action}: nobody signed in got ${anon.status}, not 401`);
    for (const role of ROLES) {
      for (const relation of isCase ? ['related', 'unrelated'] : ['any']) {
        const caseId = relation === 'unrelated' ? ids.unrelated : ids.related;
        // Signing out ends a session: use one made for the purpose.
        const as = route.action === 'sign_out' ? await signIn(DEMO[role]) : role;
        const r = await api(route.method, pathFor(route, ids, caseId), body, { as });
        assertHardened(r, `${route.method} ${route.pattern} as ${role}`);
        checked++;
        const rule = expected[role];
        const allowed = rule === 'A' || (rule === 'R' && relation !== 'unrelated');
        const got = ![401, 403].includes(r.status);
        if (allowed !== got) {
          failures.push(`${route.method} ${route.pattern} as ${role} (${relation}): expected ${allowed ? 'allowed' : 'refused'}, got ${r.status} ${r.text.slice(0, 120)}`);
        } else if (!allowed && r.status !== 403) {
          failures.push(`${route.method} ${route.pattern} as ${role} (${relation}): refused with ${r.status}, not 403`);
        }
        // A team manager outside the case's team is offered break-glass.
        if (!allowed && isCase && role === 'team_manager' && relation === 'unrelated' && rule === 'R' && r.json?.break_glass !== true)
          failures.push(`${route.action}: no break-glass offer for a team manager outside the team`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(checked > 300, `only ${checked} requests checked`);
});

test("a referrer's view of their case leaves out the family's details", async () => {
  const c = await createCase({ consultation_at: daysAgo(3) }, { as: 'referrer' });
  await api('POST', `/api/cases/${c.id}/screening`, screening(), { as: 'team_manager' });
  await api('POST', `/api/cases/${c.id}/people`, { name: 'Private Parent', role: 'parent', parental_responsibility: true, phone: '07700 900123' }, { as: 'team_manager' });
  const mine = await api('GET', `/api/cases/${c.id}`, undefined, { as: 'referrer' });
  assert.equal(mine.status, 200);
  for (const hidden of ['people', 'consents', 'consent_summary', 'preparation', 'first_contact', 'distributions', 'evaluations'])
    assert.equal(mine.json[hidden], undefined, `${hidden} is hidden from the referrer`);
  assert.doesNotMatch(mine.text, /Private Parent|07700/);
  assert.equal(mine.json.reference, c.reference);
  const full = await api('GET', `/api/cases/${c.id}`, undefined, { as: 'team_manager' });
  assert.match(full.text, /Private Parent/);
});

test('lists show only the cases a person may see', async () => {
  const coordinator = await api('GET', '/api/cases?per_page=100&open=true', undefined, { as: 'coordinator' });
  const me = (await api('GET', '/api/session', undefined, { as: 'coordinator' })).json.user.id;
  assert.equal(coordinator.status, 200);
  assert.ok(coordinator.json.items.length > 0);
  for (const item of coordinator.json.items) assert.equal(item.coordinator?.id, me, `${item.reference} is allocated to someone else`);
  const referrer = await api('GET', '/api/cases?per_page=100', undefined, { as: 'other_referrer' });
  const sam = await api('GET', '/api/cases?per_page=100', undefined, { as: 'referrer' });
  const joannes = new Set(referrer.json.items.map((i) => i.id));
  for (const item of sam.json.items) assert.ok(!joannes.has(item.id), 'two referrers never share a case');
  const all = await api('GET', '/api/cases?per_page=100', undefined, { as: 'service_manager' });
  assert.ok(all.json.total >= sam.json.total + referrer.json.total, 'the service manager sees every case');
  assert.ok(sam.json.total > 0 && referrer.json.total > 0);
  const admin = await api('GET', '/api/cases', undefined, { as: 'administrator' });
  assert.equal(admin.status, 403, 'an administrator manages accounts, not cases');
});
