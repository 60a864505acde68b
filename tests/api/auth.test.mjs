// Signing in, sessions, the second factor, throttling, CSRF, API tokens,
// security headers and the security settings.
//
// Test files run in parallel against one server, so nothing here signs out
// or disturbs the demo users' cached sessions: sign-outs use throwaway
// sessions, and everything that changes an account (passwords, disabling,
// the authenticator app, throttling) uses a fresh account. Failed sign-ins
// are sent from other loopback addresses (apiFrom), since 127.0.0.1's
// per-address limit is shared by every file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  BASE, DEMO, DEMO_PASSWORD, api, apiFrom, signIn, cookieOf, users, createCase, freshUser, sql, iso, booking,
} from './lib.mjs';

const WRONG_DETAILS = /email address or password is not right/;
const ENDED = /Your session has ended/;

// The demo data has dozens of cases; any one will do for "can you read it".
async function someCaseId() {
  const r = await api('GET', '/api/cases');
  assert.equal(r.status, 200, r.text);
  return r.json.items[0].id;
}

// A request with exactly the headers given (no cookie or CSRF added).
async function bare(method, path, { headers = {}, body } = {}) {
  const init = { method, headers: { accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const res = await fetch(BASE + path, init);
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, json, text };
}

const message = (r) => r.json?.errors?.[0]?.message ?? '';
const field = (r) => r.json?.errors?.[0]?.field;

// Whether a session (from signIn) is still accepted.
async function works(s) {
  return (await api('GET', '/api/session', undefined, { as: s })).status === 200;
}

// The id of the session `s` as GET /api/me/sessions shows it.
async function sessionId(s) {
  const r = await api('GET', '/api/me/sessions', undefined, { as: s });
  assert.equal(r.status, 200, r.text);
  return r.json.sessions.find((x) => x.current).id;
}

// --- RFC 6238 ----------------------------------------------------------------

function base32(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, have = 0;
  const out = [];
  for (const ch of s.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    assert.ok(v >= 0, `not base32: ${s}`);
    bits = (bits << 5) | v;
    have += 5;
    if (have >= 8) {
      have -= 8;
      out.push((bits >> have) & 255);
    }
  }
  return Buffer.from(out);
}

// The 6-digit code for 30-second step `step` (HMAC-SHA1, RFC 4226 truncation).
function totp(secret, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(msg).digest();
  const off = mac[mac.length - 1] & 15;
  const n = ((mac[off] & 127) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(n % 1e6).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 1000 / 30);

// --- nothing without signing in ------------------------------------------------

test('nothing personal can be read without signing in', async () => {
  const id = await someCaseId();
  const u = await users();
  for (const path of ['/api/cases', `/api/cases/${id}`, `/api/cases/${id}/timeline`, `/api/cases/${id}/audit`,
    '/api/dashboard', '/api/users', `/api/users/${u.coordinator[0].id}`, '/api/teams', '/api/me/sessions',
    `/api/audit/users/${u.coordinator[0].id}`, '/api/tokens', '/api/settings/security']) {
    const r = await api('GET', path, undefined, { as: null });
    assert.equal(r.status, 401, `${path}: ${r.text}`);
    assert.match(message(r), /Sign in to continue/, path);
    assert.ok(!r.text.includes(id) || path.includes(id), `${path} leaks nothing`);
  }
  // A cookie that is not a session is the same as none.
  const r = await bare('GET', '/api/cases', { headers: { cookie: 'hearth_session=' + 'x'.repeat(43) } });
  assert.equal(r.status, 401);
  const w = await api('POST', '/api/cases', booking(), { as: null });
  assert.equal(w.status, 401, 'nor changed');
  const ok = await api('GET', '/health', undefined, { as: null });
  assert.equal(ok.status, 200);
  const home = await api('GET', '/', undefined, { as: null });
  assert.equal(home.status, 303);
  assert.equal(home.headers.get('location'), '/sign-in', 'the front door leads to signing in');
  const page = await api('GET', '/cases', undefined, { as: null, headers: { accept: 'text/html' } });
  assert.equal(page.status, 303, 'a page asks a signed-out browser to sign in');
  assert.equal(page.headers.get('location'), '/sign-in?next=/cases');
});

// --- signing in ---------------------------------------------------------------

test('signing in sets an HttpOnly SameSite=Lax cookie, a new token each time', async () => {
  const res = await fetch(BASE + '/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: DEMO.referrer, password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 201);
  const json = await res.json();
  const set = res.headers.get('set-cookie');
  assert.match(set, /^hearth_session=[A-Za-z0-9_-]{43};/);
  const attrs = set.split(';').map((a) => a.trim().toLowerCase());
  assert.ok(attrs.includes('httponly'), set);
  assert.ok(attrs.includes('samesite=lax'), set);
  assert.ok(attrs.includes('path=/'), set);
  assert.ok(!attrs.includes('secure'), 'no Secure over plain HTTP: ' + set);
  assert.equal(json.second_factor, 'done');
  assert.equal(json.signed_in, true);
  assert.equal(json.user.email, DEMO.referrer);
  assert.match(json.csrf_token, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(!JSON.stringify(json).includes(set.split(';')[0].split('=')[1]), 'the token is only in the cookie');
  assert.ok(!/password|hash|totp_secret/.test(JSON.stringify(json)), 'no secrets in the answer');

  const a = { cookie: cookieOf(res), csrf: json.csrf_token };
  const b = await signIn(DEMO.referrer);
  assert.notEqual(a.cookie, b.cookie, 'each sign-in gets a new token');
  assert.notEqual(a.csrf, b.csrf, 'and a new CSRF token');
  assert.ok(await works(a), 'the first session still works');
  assert.ok(await works(b));
  // Both end here, without touching the cached demo sessions.
  for (const s of [a, b]) assert.equal((await api('DELETE', '/api/session', undefined, { as: s })).status, 200);
});

test('signing in again from a browser that has a session replaces it', async () => {
  const a = await signIn(DEMO.referrer);
  const res = await fetch(BASE + '/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrf },
    body: JSON.stringify({ email: DEMO.referrer, password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 201);
  const b = { cookie: cookieOf(res), csrf: (await res.json()).csrf_token };
  assert.notEqual(a.cookie, b.cookie);
  assert.equal(await works(a), false, 'the old session is ended, not reused');
  assert.ok(await works(b));
  await api('DELETE', '/api/session', undefined, { as: b });
});

test('a wrong password and an unknown email read the same', async () => {
  const u = await freshUser();
  const wrong = await apiFrom('127.0.0.51', 'POST', '/api/session', { email: u.email, password: 'not the right password' });
  const unknown = await apiFrom('127.0.0.51', 'POST', '/api/session', { email: `nobody.${Date.now()}@example.org`, password: 'not the right password' });
  assert.equal(wrong.status, 401, wrong.text);
  assert.equal(unknown.status, 401, unknown.text);
  assert.match(message(wrong), WRONG_DETAILS);
  assert.deepEqual(wrong.json, unknown.json, 'nothing tells whether the account exists');
  assert.equal(wrong.headers.get('set-cookie'), null);
  const missing = await api('POST', '/api/session', { email: u.email }, { as: null });
  assert.equal(missing.status, 422, 'a missing password is a form error');
  assert.equal(field(missing), 'password');
});

test('a disabled account cannot sign in, and its sessions end at once', async () => {
  const u = await freshUser();
  const s = await signIn(u.email, u.password);
  assert.ok(await works(s));
  const tok = await api('POST', '/api/tokens', { user_id: u.id, name: 'Before disabling', roles: 'coordinator' }, { as: 'administrator' });
  assert.equal(tok.status, 201, tok.text);
  const bearer = { authorization: `Bearer ${tok.json.token}` };
  assert.equal((await bare('GET', '/api/cases', { headers: bearer })).status, 200);
  const off = await api('PUT', `/api/users/${u.id}`, { name: u.name, roles: u.roles, team_id: u.team_id, active: false }, { as: 'administrator' });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.active, false);
  const r = await api('GET', '/api/cases', undefined, { as: s });
  assert.equal(r.status, 401, 'the open session ends with the account');
  assert.equal((await bare('GET', '/api/cases', { headers: bearer })).status, 401, 'and its API tokens stop working');
  const again = await apiFrom('127.0.0.52', 'POST', '/api/session', { email: u.email, password: u.password });
  assert.equal(again.status, 401, again.text);
  assert.match(message(again), WRONG_DETAILS, 'a disabled account reads like wrong details');
  const self = await api('PUT', `/api/users/${(await users()).administrator[0].id}`,
    { name: 'Chris Morgan', roles: ['administrator'], active: false }, { as: 'administrator' });
  assert.equal(self.status, 422, 'an administrator cannot disable themselves');
  assert.equal(field(self), 'active');
});

// --- passwords ------------------------------------------------------------------

test('changing your own password: the rules, and other sessions end', async () => {
  const u = await freshUser();
  const a = await signIn(u.email, u.password);
  const b = await signIn(u.email, u.password);
  const change = (s, current, fresh) => api('POST', '/api/me/password', { current_password: current, new_password: fresh }, { as: s });
  for (const [bad, why] of [['short-pw', /at least 12 characters/], ['password1234', /too common/],
    ['PASSWORD1234', /too common/], [u.email, /name or email/], [u.email.toUpperCase(), /name or email/],
    [u.name, /name or email/], ['x'.repeat(129), /128 characters or fewer/]]) {
    const r = await change(a, u.password, bad);
    assert.equal(r.status, 422, `${bad}: ${r.text}`);
    assert.equal(field(r), 'new_password', bad);
    assert.match(message(r), why, bad);
  }
  const wrong = await apiFrom('127.0.0.53', 'POST', '/api/me/password',
    { current_password: 'not my password at all', new_password: 'three random words here' }, { as: a });
  assert.equal(wrong.status, 422, wrong.text);
  assert.equal(field(wrong), 'current_password');
  assert.ok(await works(b), 'refused changes end nothing');
  // Still the old password.
  const fresh = 'kettle orbit lantern 42';
  const ok = await change(a, u.password, fresh);
  assert.equal(ok.status, 200, ok.text);
  assert.ok(await works(a), 'the session that changed it goes on');
  assert.equal(await works(b), false, 'every other session of the account ends');
  const old = await apiFrom('127.0.0.53', 'POST', '/api/session', { email: u.email, password: u.password });
  assert.equal(old.status, 401, 'the old password no longer works');
  const n = await signIn(u.email, fresh);
  assert.ok(await works(n));
});

test("an administrator's reset gives a new one-time password and ends the sessions", async () => {
  const u = await freshUser();
  const s = await signIn(u.email, u.password);
  const no = await api('POST', `/api/users/${u.id}/password-reset`, {}, { as: 'service_manager' });
  assert.equal(no.status, 403, 'only an administrator resets passwords');
  assert.ok(await works(s));
  const r = await api('POST', `/api/users/${u.id}/password-reset`, {}, { as: 'administrator' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.json.one_time_password, /^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
  assert.notEqual(r.json.one_time_password, u.password);
  assert.equal(await works(s), false, 'the reset ends the sessions');
  const old = await apiFrom('127.0.0.54', 'POST', '/api/session', { email: u.email, password: u.password });
  assert.equal(old.status, 401);
  const n = await signIn(u.email, r.json.one_time_password);
  assert.equal(n.json.user.id, u.id);
  const missing = await api('POST', '/api/users/01a2000000000000000000000000dead/password-reset', {}, { as: 'administrator' });
  assert.equal(missing.status, 404);
});

// --- throttling -----------------------------------------------------------------

test('five wrong passwords pause signing in to the account', async () => {
  const u = await freshUser();
  const statuses = [];
  for (let i = 0; i < 5; i++) {
    const r = await apiFrom('127.0.0.55', 'POST', '/api/session', { email: u.email, password: `wrong password ${i}` });
    statuses.push(r.status);
  }
  assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401], 'the first four are only wrong');
  assert.ok([401, 429].includes(statuses[4]));
  // Even the right password, from another address, is refused now.
  const r = await api('POST', '/api/session', { email: u.email, password: u.password }, { as: null });
  assert.equal(r.status, 429, r.text);
  assert.equal(r.headers.get('set-cookie'), null, 'no session');
  const retry = Number(r.headers.get('retry-after'));
  assert.ok(Number.isInteger(retry) && retry > 0 && retry <= 15 * 60, `Retry-After: ${r.headers.get('retry-after')}`);
  assert.match(message(r), /too many wrong attempts to sign in to this account/);
  assert.match(message(r), /Try again after ([01]\d|2[0-3]):[0-5]\d/);
  // The time is London's, and agrees with Retry-After.
  const london = (ms) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  const at = Date.now() + retry * 1000;
  const shown = message(r).match(/Try again after (\d\d:\d\d)/)[1];
  assert.ok([london(at - 60e3), london(at), london(at + 60e3)].includes(shown), `${shown} is London time ${london(at)}`);
  // The case of the address makes no difference.
  const upper = await api('POST', '/api/session', { email: u.email.toUpperCase(), password: u.password }, { as: null });
  assert.equal(upper.status, 429, upper.text);
  // Other accounts are unaffected.
  const other = await signIn(DEMO.other_referrer);
  assert.ok(await works(other));
  await api('DELETE', '/api/session', undefined, { as: other });
});

test('twenty failures from one address pause signing in from it', async () => {
  const tag = Date.now().toString(36);
  for (let i = 0; i < 20; i++) {
    const r = await apiFrom('127.0.0.77', 'POST', '/api/session', { email: `nobody.${tag}.${i}@example.org`, password: 'guess guess guess' });
    assert.equal(r.status, 401, `attempt ${i + 1}: ${r.text}`);
  }
  const u = await freshUser();
  const r = await apiFrom('127.0.0.77', 'POST', '/api/session', { email: u.email, password: u.password });
  assert.equal(r.status, 429, r.text);
  assert.match(message(r), /too many wrong attempts to sign in from your network/);
  assert.match(message(r), /Try again after \d\d:\d\d/);
  const retry = Number(r.headers.get('retry-after'));
  assert.ok(retry > 0 && retry <= 15 * 60, `Retry-After: ${r.headers.get('retry-after')}`);
  // The account itself is not paused: from another address it signs in.
  const s = await signIn(u.email, u.password);
  assert.ok(await works(s));
});

// --- the second factor ------------------------------------------------------------

test('an authenticator app: enrolling, then signing in with a code', async () => {
  const u = await freshUser();
  let s = await signIn(u.email, u.password);
  assert.equal(s.json.has_authenticator, false);
  const start = await api('POST', '/api/me/second-factor', undefined, { as: s });
  assert.equal(start.status, 201, start.text);
  const { secret } = start.json;
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.ok(start.json.otpauth_uri.startsWith('otpauth://totp/hearth:'), start.json.otpauth_uri);
  assert.ok(start.json.otpauth_uri.includes(`secret=${secret}`));
  assert.ok(start.json.otpauth_uri.includes(encodeURIComponent(u.email).replace('@', '%40')));
  assert.match(start.json.qr_svg, /<svg[\s\S]*<\/svg>/);
  // Not yet enrolled: signing in still needs no code.
  const enrolStep = stepNow();
  const confirm = await api('POST', '/api/me/second-factor/confirm', { code: totp(secret, enrolStep) }, { as: s });
  assert.equal(confirm.status, 200, confirm.text);
  assert.equal(confirm.json.has_authenticator, true);
  assert.equal((await api('DELETE', '/api/session', undefined, { as: s })).status, 200);
  const after = await api('GET', '/api/cases', undefined, { as: s });
  assert.equal(after.status, 401);
  assert.match(after.json.errors[0].message, /You have signed out/, 'the person is told why');

  // Now a password alone is half-way.
  const half = await signIn(u.email, u.password);
  assert.equal(half.json.second_factor, 'code');
  assert.equal(half.json.signed_in, false);
  for (const path of ['/api/cases', '/api/dashboard', '/api/users', '/api/me/sessions']) {
    const r = await api('GET', path, undefined, { as: half });
    assert.equal(r.status, 401, `${path} before the code: ${r.text}`);
    assert.match(message(r), /6-digit code/);
  }
  const view = await api('GET', '/api/session', undefined, { as: half });
  assert.equal(view.status, 200);
  assert.equal(view.json.second_factor, 'code');
  const skip = await api('POST', '/api/me/second-factor', undefined, { as: half });
  assert.equal(skip.status, 401, 'enrolling anew cannot skip the code');

  // A wrong code is refused and counts as a failed sign-in.
  const wrongCode = totp(secret, enrolStep + 1) === '000000' ? '111111' : '000000';
  const wrong = await apiFrom('127.0.0.56', 'POST', '/api/session/second-factor', { code: wrongCode }, { as: half });
  assert.equal(wrong.status, 401, wrong.text);
  assert.equal(field(wrong), 'code');
  assert.match(message(wrong), /not right/);
  assert.equal(await sql(`SELECT COUNT(*) FROM signin_failures WHERE key = 'account:${u.email.toLowerCase()}'`), '1',
    'a wrong code counts against the account');

  // The right code (the next step's: the enrolment used this one) finishes signing in, under a new token.
  const code = totp(secret, enrolStep + 1);
  const res = await fetch(BASE + '/api/session/second-factor', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', cookie: half.cookie, 'x-csrf-token': half.csrf },
    body: JSON.stringify({ code: `${code.slice(0, 3)} ${code.slice(3)}` }),
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.equal(body.signed_in, true);
  assert.equal(body.second_factor, 'done');
  const full = { cookie: cookieOf(res), csrf: half.csrf };
  assert.match(full.cookie, /^hearth_session=/);
  assert.notEqual(full.cookie, half.cookie, 'the token changes when the session steps up');
  assert.equal((await api('GET', '/api/cases', undefined, { as: full })).status, 200);
  assert.equal((await api('GET', '/api/cases', undefined, { as: half })).status, 401, 'the half-way token is worthless');
  assert.equal(await sql(`SELECT COUNT(*) FROM signin_failures WHERE key = 'account:${u.email.toLowerCase()}'`), '0',
    'signing in clears the failures');

  // The same code cannot be used twice.
  const again = await signIn(u.email, u.password);
  assert.equal(again.json.second_factor, 'code');
  const reuse = await api('POST', '/api/session/second-factor', { code }, { as: again });
  assert.equal(reuse.status, 401, reuse.text);
  assert.match(message(reuse), /already been used/);
  assert.equal((await api('GET', '/api/cases', undefined, { as: again })).status, 401);
  const done = await api('POST', '/api/session/second-factor', { code }, { as: full });
  assert.equal(done.status, 409, 'a signed-in session is not waiting for a code');

  // An administrator's reset can remove the app.
  const reset = await api('POST', `/api/users/${u.id}/password-reset`, { second_factor: true }, { as: 'administrator' });
  assert.equal(reset.status, 200, reset.text);
  s = await signIn(u.email, reset.json.one_time_password);
  assert.equal(s.json.second_factor, 'done');
  assert.equal(s.json.has_authenticator, false);
});

test('guessing codes is limited per account, even if the password is entered again', async () => {
  const u = await freshUser();
  const s = await signIn(u.email, u.password);
  const { secret } = (await api('POST', '/api/me/second-factor', undefined, { as: s })).json;
  const enrolStep = stepNow();
  assert.equal((await api('POST', '/api/me/second-factor/confirm', { code: totp(secret, enrolStep) }, { as: s })).status, 200);
  const good = totp(secret, enrolStep + 1);
  const bad = ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777', '888888', '999999'].filter((c) => c !== good
    && ![-1, 0, 1, 2].some((d) => totp(secret, enrolStep + d) === c));
  const failures = async () => Number(await sql(`SELECT COUNT(*) FROM signin_failures WHERE key = 'account:${u.email.toLowerCase()}'`));

  // Three wrong codes in one half-signed-in session...
  const a = await signIn(u.email, u.password);
  for (const code of bad.slice(0, 3)) {
    const r = await apiFrom('127.0.0.58', 'POST', '/api/session/second-factor', { code }, { as: a });
    assert.equal(r.status, 401, r.text);
  }
  assert.equal(await failures(), 3);
  // ...then the password again, which is right: that must not wipe out the
  // wrong codes, or codes could be guessed without limit, four at a time.
  const b = await signIn(u.email, u.password);
  assert.equal(b.json.second_factor, 'code');
  assert.equal(await failures(), 3, 'the right password alone does not clear failed codes');
  for (const code of bad.slice(3, 5)) {
    const r = await apiFrom('127.0.0.58', 'POST', '/api/session/second-factor', { code }, { as: b });
    assert.ok([401, 429].includes(r.status), r.text);
  }
  const r = await api('POST', '/api/session/second-factor', { code: good }, { as: b });
  assert.equal(r.status, 429, 'after five wrong codes even the right one waits: ' + r.text);
  assert.match(message(r), /Try again after \d\d:\d\d/);
  assert.equal((await api('GET', '/api/cases', undefined, { as: b })).status, 401);
});

// --- sessions -------------------------------------------------------------------

test('your sessions: the list marks the current one, and you can end another', async () => {
  const a = await signIn(DEMO.other_referrer);
  const b = await signIn(DEMO.other_referrer);
  const r = await api('GET', '/api/me/sessions', undefined, { as: a });
  assert.equal(r.status, 200, r.text);
  const current = r.json.sessions.filter((x) => x.current);
  assert.equal(current.length, 1);
  assert.match(current[0].id, /^[0-9a-f]{32}$/);
  assert.equal(current[0].address, '127.0.0.1');
  assert.ok(r.json.sessions.every((x) => !('token_hash' in x) && !('csrf_token' in x)), 'no secrets in the list');
  const bId = await sessionId(b);
  assert.notEqual(bId, current[0].id);
  assert.ok(r.json.sessions.some((x) => x.id === bId && !x.current));

  const end = await api('DELETE', `/api/me/sessions/${bId}`, undefined, { as: a });
  assert.equal(end.status, 200, end.text);
  assert.equal(await works(b), false, 'the other session has ended');
  assert.ok(await works(a), 'this one goes on');
  assert.equal((await api('DELETE', `/api/me/sessions/${bId}`, undefined, { as: a })).status, 404, 'it is gone');

  // Nobody can end someone else's session.
  const c = await signIn(DEMO.referrer);
  const cId = await sessionId(c);
  const other = await api('DELETE', `/api/me/sessions/${cId}`, undefined, { as: a });
  assert.equal(other.status, 404, other.text);
  assert.ok(await works(c));
  for (const s of [a, c]) await api('DELETE', '/api/session', undefined, { as: s });
});

test('signing out ends the session on the server', async () => {
  const s = await signIn(DEMO.other_referrer);
  assert.ok(await works(s));
  const res = await fetch(BASE + '/api/session', {
    method: 'DELETE', headers: { accept: 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('set-cookie'), /^hearth_session=;.*Max-Age=0/, 'the browser is told to forget it');
  const r = await api('GET', '/api/cases', undefined, { as: s });
  assert.equal(r.status, 401, 'the old cookie is worthless, even if the browser kept it');
  const again = await api('DELETE', '/api/session', undefined, { as: s });
  assert.equal(again.status, 401);
});

test('a session ends after being idle, and after its longest life', async () => {
  const settings = (await api('GET', '/api/settings/security', undefined, { as: 'administrator' })).json;
  // Idle: last used longer ago than idle_minutes.
  const idle = await signIn(DEMO.other_referrer);
  const idleId = await sessionId(idle);
  await sql(`UPDATE sessions SET last_seen_at = '${iso(new Date(Date.now() - (settings.idle_minutes + 5) * 60e3))}' WHERE id = '${idleId}'`);
  let r = await api('GET', '/api/cases', undefined, { as: idle });
  assert.equal(r.status, 401, r.text);
  assert.match(message(r), ENDED);
  assert.equal(await sql(`SELECT ended_reason FROM sessions WHERE id = '${idleId}'`), 'idle');
  r = await api('GET', '/api/cases', undefined, { as: idle });
  assert.equal(r.status, 401, 'and stays ended');

  // Absolute: in use a moment ago, but started longer ago than absolute_hours.
  const old = await signIn(DEMO.other_referrer);
  const oldId = await sessionId(old);
  await sql(`UPDATE sessions SET created_at = '${iso(new Date(Date.now() - (settings.absolute_hours + 1) * 3600e3))}', `
    + `last_seen_at = '${iso(new Date())}' WHERE id = '${oldId}'`);
  r = await api('GET', '/api/cases', undefined, { as: old });
  assert.equal(r.status, 401, r.text);
  assert.match(message(r), ENDED);
  assert.equal(await sql(`SELECT ended_reason FROM sessions WHERE id = '${oldId}'`), 'expired');

  // Just inside both limits still works.
  const fine = await signIn(DEMO.other_referrer);
  const fineId = await sessionId(fine);
  await sql(`UPDATE sessions SET created_at = '${iso(new Date(Date.now() - (settings.absolute_hours * 60 - 10) * 60e3))}', `
    + `last_seen_at = '${iso(new Date(Date.now() - (settings.idle_minutes - 5) * 60e3))}' WHERE id = '${fineId}'`);
  assert.ok(await works(fine));
  await api('DELETE', '/api/session', undefined, { as: fine });
});

// --- CSRF -----------------------------------------------------------------------

test('CSRF: a change needs the session\'s token and a same-origin Origin', async () => {
  const s = await signIn(DEMO.service_manager);
  const c = await createCase();
  const people = async () => (await api('GET', `/api/cases/${c.id}`)).json.people;
  const before = await people();
  const person = { name: 'Csrf Person', role: 'friend', parental_responsibility: false };
  const post = (headers) => bare('POST', `/api/cases/${c.id}/people`, { headers: { cookie: s.cookie, ...headers }, body: person });

  let r = await post({});
  assert.equal(r.status, 403, 'no token: ' + r.text);
  assert.match(message(r), /could not be confirmed as coming from hearth/);
  r = await post({ 'x-csrf-token': 'x'.repeat(43) });
  assert.equal(r.status, 403, 'a wrong token');
  const other = await signIn(DEMO.service_manager);
  r = await post({ 'x-csrf-token': other.csrf });
  assert.equal(r.status, 403, "another session's token");
  r = await post({ 'x-csrf-token': s.csrf, origin: 'http://evil.example' });
  assert.equal(r.status, 403, 'another origin, even with the right token');
  r = await post({ 'x-csrf-token': s.csrf, origin: BASE.replace('http:', 'https:') });
  assert.equal(r.status, 403, 'another scheme is another origin');
  r = await post({ 'x-csrf-token': s.csrf, 'sec-fetch-site': 'cross-site' });
  assert.equal(r.status, 403, 'a cross-site request by Fetch Metadata');
  assert.deepEqual(await people(), before, 'nothing was changed by any refused request');
  const del = await bare('DELETE', '/api/session', { headers: { cookie: s.cookie } });
  assert.equal(del.status, 403, 'signing out needs the token too');
  assert.ok(await works(s));

  // Signing in has no session to take a token from, but another site still cannot do it.
  const login = await bare('POST', '/api/session', { headers: { origin: 'http://evil.example' }, body: { email: DEMO.referrer, password: DEMO_PASSWORD } });
  assert.equal(login.status, 403, 'signing in from another origin: ' + login.text);
  assert.equal(login.headers.get('set-cookie'), null);

  r = await post({ 'x-csrf-token': s.csrf, origin: BASE });
  assert.equal(r.status, 200, 'the right token from the same origin: ' + r.text);
  assert.equal((await people()).length, before.length + 1);
  r = await post({ 'x-csrf-token': s.csrf, 'sec-fetch-site': 'same-origin' });
  assert.equal(r.status, 200, 'the right token without Origin: ' + r.text);
  // A GET needs no token.
  assert.equal((await bare('GET', `/api/cases/${c.id}`, { headers: { cookie: s.cookie } })).status, 200);
  for (const x of [s, other]) await api('DELETE', '/api/session', undefined, { as: x });
});

// --- API tokens -------------------------------------------------------------------

test('API tokens: made by an administrator, limited to the user\'s roles, revocable', async () => {
  const u = await users();
  const grace = u.coordinator[0];
  const bad = await api('POST', '/api/tokens', { user_id: grace.id, name: 'Too much', roles: 'coordinator service_manager' }, { as: 'administrator' });
  assert.equal(bad.status, 422, 'a token cannot have roles its user lacks: ' + bad.text);
  assert.equal(field(bad), 'roles');
  const notAdmin = await api('POST', '/api/tokens', { user_id: grace.id, name: 'Mine', roles: 'coordinator' }, { as: 'coordinator' });
  assert.equal(notAdmin.status, 403);

  const made = await api('POST', '/api/tokens', { user_id: grace.id, name: 'Case sync test', roles: 'coordinator' }, { as: 'administrator' });
  assert.equal(made.status, 201, made.text);
  const { id, token } = made.json;
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  const bearer = { authorization: `Bearer ${token}` };

  const list = await bare('GET', '/api/cases', { headers: bearer });
  assert.equal(list.status, 200, list.text);
  const me = await bare('GET', '/api/session', { headers: bearer });
  assert.equal(me.json.via, 'api_token');
  assert.equal(me.json.user.id, grace.id);
  // No CSRF token or Origin needed: a bearer token is not sent by browsers on their own.
  const booked = await bare('POST', '/api/cases', { headers: bearer, body: booking({ child_name: 'Token Child' }) });
  assert.equal(booked.status, 201, booked.text);
  const trail = await api('GET', `/api/cases/${booked.json.id}/audit`);
  const rec = trail.json.records.find((x) => x.action === 'book_consultation');
  assert.equal(rec.session, `token:${id}`, 'the trail names the token');
  assert.equal(rec.user_id, grace.id);
  assert.equal(rec.role, 'coordinator');
  const out = await bare('DELETE', '/api/session', { headers: bearer });
  assert.equal(out.status, 409, 'a token cannot sign out');
  const users403 = await bare('POST', '/api/users', { headers: bearer, body: { name: 'X', email: 'x@example.org', roles: ['coordinator'] } });
  assert.equal(users403.status, 403, 'the token acts only as a coordinator');

  const tokens = await api('GET', '/api/tokens', undefined, { as: 'administrator' });
  assert.equal(tokens.status, 200);
  const listed = tokens.json.tokens.find((t) => t.id === id);
  assert.ok(listed, 'the token is listed');
  assert.equal(listed.name, 'Case sync test');
  assert.ok(!tokens.text.includes(token), 'the token itself is never shown again');
  const own = await api('GET', '/api/tokens', undefined, { as: 'coordinator' });
  assert.ok(own.json.tokens.some((t) => t.id === id), 'its user sees it too');
  const others = await api('GET', '/api/tokens', undefined, { as: 'referrer' });
  assert.ok(!others.json.tokens.some((t) => t.id === id), 'nobody else does');

  const revoke = await api('DELETE', `/api/tokens/${id}`, undefined, { as: 'administrator' });
  assert.equal(revoke.status, 200, revoke.text);
  const after = await bare('GET', '/api/cases', { headers: bearer });
  assert.equal(after.status, 401, 'a revoked token is refused');
  assert.equal((await api('DELETE', `/api/tokens/${id}`, undefined, { as: 'administrator' })).status, 404);
  const junk = await bare('GET', '/api/cases', { headers: { authorization: 'Bearer ' + 'A'.repeat(43) } });
  assert.equal(junk.status, 401);

  // Its owner may revoke a token too; nobody else may.
  const second = await api('POST', '/api/tokens', { user_id: grace.id, name: 'Second', roles: 'coordinator' }, { as: 'administrator' });
  assert.equal(second.status, 201);
  assert.equal((await api('DELETE', `/api/tokens/${second.json.id}`, undefined, { as: 'referrer' })).status, 404);
  assert.equal((await bare('GET', '/api/cases', { headers: { authorization: `Bearer ${second.json.token}` } })).status, 200);
  assert.equal((await api('DELETE', `/api/tokens/${second.json.id}`, undefined, { as: 'coordinator' })).status, 200);
  assert.equal((await bare('GET', '/api/cases', { headers: { authorization: `Bearer ${second.json.token}` } })).status, 401);
});

// --- headers and settings -----------------------------------------------------------

test('every answer carries the security headers', async () => {
  const id = await someCaseId();
  const answers = {
    200: await api('GET', '/api/cases'),
    401: await api('GET', '/api/cases', undefined, { as: null }),
    403: await api('GET', `/api/cases/${id}/audit`, undefined, { as: 'referrer' }),
    404: await api('GET', '/api/cases/01a2000000000000000000000000dead'),
    '404 route': await api('GET', '/api/no-such-thing'),
    'health': await api('GET', '/health', undefined, { as: null }),
  };
  for (const [what, r] of Object.entries(answers)) {
    if (/^\d+$/.test(what)) assert.equal(r.status, Number(what), `${what}: ${r.text}`);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/, what);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, what);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
    assert.ok(r.headers.get('referrer-policy'), what);
    assert.equal(r.headers.get('cache-control'), 'no-store', what);
    assert.equal(r.headers.get('strict-transport-security'), null, `${what}: no HSTS over plain HTTP`);
  }
});

test('security settings: only an administrator changes them, and they are checked', async () => {
  const get = await api('GET', '/api/settings/security', undefined, { as: 'administrator' });
  assert.equal(get.status, 200, get.text);
  const current = get.json;
  assert.deepEqual(Object.keys(current).sort(), ['absolute_hours', 'idle_minutes', 'second_factor_required']);
  for (const who of ['service_manager', 'team_manager', 'coordinator']) {
    const r = await api('PUT', '/api/settings/security', current, { as: who });
    assert.equal(r.status, 403, `${who}: ${r.text}`);
  }
  assert.equal((await api('GET', '/api/settings/security', undefined, { as: 'service_manager' })).status, 403);
  const bad = async (body, fields) => {
    const r = await api('PUT', '/api/settings/security', body, { as: 'administrator' });
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.deepEqual(r.json.errors.map((e) => e.field).sort(), fields.sort(), JSON.stringify(body));
  };
  await bad({ ...current, idle_minutes: 0 }, ['idle_minutes']);
  await bad({ ...current, idle_minutes: 481 }, ['idle_minutes']);
  await bad({ ...current, absolute_hours: 0 }, ['absolute_hours']);
  await bad({ ...current, absolute_hours: 25 }, ['absolute_hours']);
  await bad({ ...current, second_factor_required: 'yes' }, ['second_factor_required']);
  await bad({ second_factor_required: false }, ['idle_minutes', 'absolute_hours']);
  await bad({ ...current, idle_minutes: 180, absolute_hours: 2 }, ['idle_minutes']);
  await bad({ ...current, idle_minutes: 'thirty', absolute_hours: 1.5 }, ['idle_minutes', 'absolute_hours']);
  const still = await api('GET', '/api/settings/security', undefined, { as: 'administrator' });
  assert.deepEqual(still.json, current, 'nothing changed');
  // Saving the same values is allowed (and changes nothing for the other tests).
  const same = await api('PUT', '/api/settings/security', current, { as: 'administrator' });
  assert.equal(same.status, 200, same.text);
  assert.deepEqual(same.json, current);
});

test('an administrator cannot take away their own administration', async () => {
  const me = (await api('GET', '/api/session', undefined, { as: 'administrator' })).json.user;
  const r = await api('PUT', `/api/users/${me.id}`, { name: me.name, roles: ['referrer'] }, { as: 'administrator' });
  assert.equal(r.status, 422);
  assert.equal(r.json.errors[0].field, 'roles');
  const after = (await api('GET', `/api/users/${me.id}`, undefined, { as: 'administrator' })).json;
  assert.deepEqual(after.roles, ['administrator'], 'nothing changed');
});
