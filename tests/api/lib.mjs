// lib.mjs — shared helpers for the API tests.
//
// The tests talk to a real hearth server over loopback. tests/api/run.sh
// starts one (on SQLite, then on a throwaway PostgreSQL cluster), with the
// demo data loaded, and passes:
//   HEARTH_URL  the server's base URL, e.g. http://127.0.0.1:18080
//   HEARTH_BIN  the hearth binary (for `hearth routes`)
//   HEARTH_DB   the database URL the server uses
import assert from 'node:assert/strict';

export const BASE = process.env.HEARTH_URL ?? 'http://127.0.0.1:8080';
export const BIN = process.env.HEARTH_BIN ?? 'build/hearth';

// The demo's people (see `hearth demo`): one per role in the North team,
// plus the South team's, and the demo password every one of them has.
export const DEMO_PASSWORD = 'hearth-demo-2026';
export const DEMO = {
  coordinator: 'grace.okafor@example.org',
  referrer: 'sam.patel@example.org',
  team_manager: 'rebecca.hall@example.org',
  service_manager: 'yusuf.ahmed@example.org',
  administrator: 'chris.morgan@example.org',
  south_coordinator: 'tomasz.wisniewski@example.org',
  south_team_manager: 'priya.shah@example.org',
  other_referrer: 'joanne.hughes@example.org',
};

// Signs in; returns { cookie, csrf, json } or throws with the answer.
export async function signIn(email, password = DEMO_PASSWORD, { headers = {} } = {}) {
  const res = await fetch(BASE + '/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  const json = await res.json();
  if (res.status !== 201) throw new Error(`sign-in as ${email}: ${res.status} ${JSON.stringify(json)}`);
  return { cookie: cookieOf(res), csrf: json.csrf_token, json };
}

// "hearth_session=TOKEN" from a response's Set-Cookie.
export function cookieOf(res) {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0];
}

const sessions = new Map();
// A signed-in session for a demo role (cached per test file).
export async function session(who) {
  if (typeof who === 'object') return who;
  if (!sessions.has(who)) sessions.set(who, signIn(DEMO[who] ?? who));
  return sessions.get(who);
}

// Sends a request as `as` (a demo role name or a session from signIn;
// null for nobody); `body` is JSON-encoded unless `raw` is given. The
// default is the service manager, who may do every step of every case.
// `base` sends it to another server on the same database (sessions are
// in the database, so the same sign-in works there).
export async function api(method, path, body, { raw, headers = {}, as = 'service_manager', base = BASE } = {}) {
  const auth = {};
  if (as) {
    const s = await session(as);
    auth.cookie = s.cookie;
    if (!['GET', 'HEAD'].includes(method)) auth['x-csrf-token'] = s.csrf;
  }
  const init = { method, redirect: 'manual', headers: { accept: 'application/json', ...auth, ...headers } };
  if (raw !== undefined) {
    init.body = raw;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, json, text };
}

let userCache;
// The demo users by role: { coordinator: [...], team_manager: [...], ... },
// each list starting with the person DEMO names for the role (North team).
export async function users() {
  if (userCache) return userCache;
  const res = await api('GET', '/api/users');
  assert.equal(res.status, 200);
  userCache = {};
  for (const u of res.json.users) for (const r of u.roles) (userCache[r] ??= []).push(u);
  for (const [r, list] of Object.entries(userCache)) list.sort((a, b) => (b.email === DEMO[r]) - (a.email === DEMO[r]));
  return userCache;
}

export const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const daysAgo = (n) => iso(new Date(Date.now() - n * 86400e3));
export const dateOnly = (d) => d.toISOString().slice(0, 10);

// A complete, valid booking; override any field.
export function booking(overrides = {}) {
  return {
    child_name: 'Zofia Kowalska',
    child_dob: '2015-04-01',
    referrer_name: 'Sam Patel',
    referrer_role: 'Social worker',
    referrer_organisation: "Children's Social Care",
    referrer_email: 'sam.patel@example.org',
    consultation_at: daysAgo(10),
    family_details: 'Lives with her mother; grandmother nearby.',
    benefit: 'The wider family can share the care.',
    strengths: 'A close and loving grandmother.',
    referral_reason: 'Missed school and conflict at home.',
    questions: 'How will Zofia get to school every day?',
    bottom_lines: 'Zofia must not be left alone overnight.',
    risks: 'None known.',
    reason_category: 'school_attendance',
    ...overrides,
  };
}

export async function createCase(overrides = {}, { as } = {}) {
  const res = await api('POST', '/api/cases', booking(overrides), as ? { as } : {});
  assert.equal(res.status, 201, res.text);
  return res.json;
}

// Every "not appropriate" criterion and special-consideration flag answered no.
export function screening(overrides = {}) {
  return {
    isolated_asylum_seeking_child: false,
    consent_to_share_refused: false,
    prefers_another_route: false,
    violence_unmanageable: false,
    intergenerational_sexual_abuse: false,
    section_47_enquiry: false,
    violence_at_meeting: false,
    carer_decision_making_impaired: false,
    ...overrides,
  };
}

export const personId = (c, name) => c.people.find((p) => p.name === name)?.id;

// --- helpers for the sign-in, audit and TLS tests ---------------------------

// Sends a request from another loopback source address (Linux routes all of
// 127/8 to lo), so failed sign-ins there do not count against 127.0.0.1's
// per-address limit, which every test file shares. `as` is a session from
// signIn (or null); answers like api().
export async function apiFrom(localAddress, method, path, body, { as = null, headers = {} } = {}) {
  const { request } = await import('node:http');
  const url = new URL(BASE + path);
  const h = { accept: 'application/json', ...headers };
  if (as) {
    h.cookie = as.cookie;
    if (!['GET', 'HEAD'].includes(method)) h['x-csrf-token'] = as.csrf;
  }
  const data = body === undefined ? undefined : JSON.stringify(body);
  if (data !== undefined) {
    h['content-type'] = 'application/json';
    h['content-length'] = Buffer.byteLength(data);
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: h, localAddress }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: new Headers(Object.entries(res.headers).map(([k, v]) => [k, [].concat(v).join(', ')])), json, text });
      });
    });
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

// Runs SQL against the server's live database (HEARTH_DB) with the sqlite3
// or psql client; returns the output, one row a line, columns split by "|".
export async function sql(query) {
  const { execFileSync } = await import('node:child_process');
  const db = process.env.HEARTH_DB ?? '';
  if (db.startsWith('sqlite:')) {
    return execFileSync('sqlite3', ['-batch', '-noheader', '-cmd', '.timeout 10000', db.slice(7), query], { encoding: 'utf8', timeout: 30000 }).trim();
  }
  return execFileSync('psql', [db, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8', timeout: 30000 }).trim();
}

// A fresh account made by the administrator: the user's record plus
// `password` (the one-time password it was given).
let freshCount = 0;
export async function freshUser({ roles = ['coordinator'], team = 'North team', name } = {}) {
  const teams = (await api('GET', '/api/teams', undefined, { as: 'administrator' })).json.teams;
  const tag = `${process.pid}-${++freshCount}-${Date.now().toString(36)}`;
  const r = await api('POST', '/api/users', {
    name: name ?? `Test Person ${tag}`,
    email: `test.${tag}@example.org`,
    roles,
    ...(team ? { team_id: teams.find((t) => t.name === team).id } : {}),
  }, { as: 'administrator' });
  assert.equal(r.status, 201, r.text);
  return { ...r.json, password: r.json.one_time_password };
}
