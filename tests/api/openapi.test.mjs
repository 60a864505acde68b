// openapi.test.mjs — proves that src/web/openapi.json describes the server.
//
//   1. The document's (method, path) pairs are exactly the routes printed by
//      `hearth routes`, and each operation's operationId is the route's action:
//      a route added without documentation fails here.
//   2. The document is sound: every $ref resolves, every schema compiles with
//      ajv (JSON Schema draft 2020-12, strict mode), every operation has a
//      summary and declared tags, and every request body has an example that
//      is valid against its schema.
//   3. Real cases are walked through their whole life (and an emergency case,
//      a no-agreement case, the settings, the list, dashboard, users, health
//      and the document itself), and so are signing in (with a second factor),
//      sessions, passwords, accounts, teams, API tokens, the audit trail,
//      break-glass and a referrer's smaller view of a case. Every request body
//      is checked against the documented request schema before it is sent;
//      every answer's status must be one the operation documents, and its body
//      must be valid against the schema documented for that status (and its
//      documented headers present). Every operation must be exercised.
//   4. For every operation with a JSON body, the example plus an unknown field
//      is answered 422, and 422 is documented.
//
// Every request is made as someone allowed to make it (lib.mjs's `as`): the
// service manager unless a step says otherwise; the administrator for
// accounts, teams, tokens and the security settings; a fresh account made by
// the administrator for signing in, the second factor and passwords, so the
// demo accounts and lib.mjs's cached sessions are never disturbed (signing
// out and ending sessions only ever touch that account's throwaway sessions).
// At most two failed sign-ins are made from 127.0.0.1, which every test file
// shares (the server pauses an address after 20 failures in 15 minutes).
//
// Request bodies are the document's own examples. Their ids are well-formed
// but made up, so before sending, the test replaces each id by the field it is
// in: coordinator_id gets a real coordinator; person_id a person on the case;
// item_id the current plan's items; team_id the North team; user_id the
// account being worked on. Times are replaced by times relative to now (the
// consultation a month ago, the meeting and the review in the past so they
// can be recorded), so the walk does not depend on the date the test runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { api, BIN, DEMO, users, daysAgo, dateOnly, cookieOf } from './lib.mjs';

const DOC_ID = 'https://hearth.invalid/openapi.json';
const FILE_DOC = JSON.parse(readFileSync(new URL('../../src/web/openapi.json', import.meta.url), 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

let doc;           // the document as the server serves it
let ajv;
const ops = new Map();       // operationId -> { method, path, op }
const exercised = new Set(); // operationIds seen in the walk
const unknownRefused = new Set(); // operationIds shown to refuse an unknown field

// ---------------------------------------------------------------- helpers

const pointerOf = (parts) => '#' + parts.map((p) => '/' + encodeURIComponent(String(p).replace(/~/g, '~0').replace(/\//g, '~1'))).join('');

function deref(obj) {
  let o = obj;
  for (let i = 0; o && typeof o === 'object' && typeof o.$ref === 'string' && i < 10; i++) o = resolvePointer(o.$ref);
  return o;
}

function resolvePointer(ref) {
  assert.ok(ref.startsWith('#/'), `only local $refs are used: ${ref}`);
  let o = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    assert.ok(o && typeof o === 'object' && Object.hasOwn(o, key), `$ref ${ref} does not resolve (no "${key}")`);
    o = o[key];
  }
  return o;
}

// A validator for the schema found at a place in the document (path of keys).
const compiled = new Map();
function validatorAt(parts) {
  const ref = DOC_ID + pointerOf(parts);
  if (!compiled.has(ref)) compiled.set(ref, ajv.compile({ $ref: ref }));
  return compiled.get(ref);
}

function assertValid(validate, value, what) {
  if (!validate(value)) {
    const errs = validate.errors.slice(0, 8).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
    assert.fail(`${what} does not match the document:\n  ${errs.join('\n  ')}\n  value: ${JSON.stringify(value).slice(0, 1500)}`);
  }
}

// Where an operation's JSON request schema sits, or null when it takes no body.
function requestSchemaPath(o) {
  let parts = ['paths', o.path, o.method, 'requestBody'];
  let rb = o.op.requestBody;
  if (!rb) return null;
  if (rb.$ref) { parts = rb.$ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')); rb = deref(rb); }
  if (!rb.content?.['application/json']) return null;
  return [...parts, 'content', 'application/json', 'schema'];
}

// Where the documented response for a status sits (following a $ref to components/responses).
function responsePath(o, status) {
  let parts = ['paths', o.path, o.method, 'responses', String(status)];
  let r = o.op.responses[String(status)];
  if (r?.$ref) { parts = r.$ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')); r = deref(r); }
  return { parts, response: r };
}

const idPattern = /^[0-9a-f]{32}$/;
// Which real id replaces a made-up one, by the name of its field: a person
// with a role, or (for the other id fields) the value given in ctx.
const ROLE_OF_FIELD = { coordinator_id: 'coordinator' };

async function realise(example, ctx = {}) {
  const staff = await users();
  const walk = (v, key) => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (typeof v === 'string' && idPattern.test(v)) {
      if (ROLE_OF_FIELD[key]) return staff[ROLE_OF_FIELD[key]][0].id;
      if (Object.hasOwn(ctx, key)) { assert.ok(ctx[key], `the walk needs a real ${key}`); return ctx[key]; }
      assert.fail(`no real id for the example's field "${key}"`);
    }
    return v;
  };
  return walk(structuredClone(example), '');
}

const teamIds = new Map();
// A team's id by its name, like "North team".
async function teamId(name) {
  if (!teamIds.has(name)) {
    const res = await api('GET', '/api/teams');
    assert.equal(res.status, 200, res.text);
    for (const t of res.json.teams) teamIds.set(t.name, t.id);
  }
  assert.ok(teamIds.get(name), `there is a team called ${name}`);
  return teamIds.get(name);
}

// RFC 6238 one-time codes, as an authenticator app makes them: HMAC-SHA1 of
// the 30-second step as an 8-byte big-endian counter, dynamic truncation,
// 6 digits. The secret is base32 (RFC 4648).
function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const ch of s.replace(/=+$/, '').toUpperCase()) {
    const i = alphabet.indexOf(ch);
    assert.ok(i >= 0, `base32 secret: ${s}`);
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) { bits -= 8; out.push((value >>> bits) & 0xff); }
  }
  return Buffer.from(out);
}

function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  const n = ((mac[at] & 0x7f) << 24) | (mac[at + 1] << 16) | (mac[at + 2] << 8) | mac[at + 3];
  return String(n % 1000000).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 1000 / 30);

// Replaces every field named in `times` (at any depth) by the given value.
function retime(body, times) {
  const walk = (v) => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Object.hasOwn(times, k) ? times[k] : walk(x)]));
    return v;
  };
  return walk(body);
}

const exampleOf = (opId) => {
  const o = ops.get(opId);
  return deref(o.op.requestBody).content['application/json'].example;
};

// Sends one request to an operation and checks it both ways against the
// document. `as` is whom it is sent as (as in lib.mjs: a demo role name, a
// session { cookie, csrf }, or null for nobody); unset, lib.mjs's default,
// the service manager.
async function call(opId, { id, params = {}, query = '', body, raw, headers, expect, as } = {}) {
  const o = ops.get(opId);
  assert.ok(o, `no operation ${opId} in the document`);
  exercised.add(opId);
  const who = as === undefined ? {} : { as };
  const reqPath = requestSchemaPath(o);
  if (body !== undefined && raw === undefined) {
    assert.ok(reqPath, `${opId} documents no JSON request body`);
    assertValid(validatorAt(reqPath), body, `the request body sent to ${opId}`);
  }
  const url = Object.entries(params).reduce((u, [k, v]) => u.replace(`{${k}}`, v), o.path.replace('{id}', id ?? '')) + query;
  // Point 4: just before a step that will succeed, the same body with an
  // unknown field must be refused with a documented 422 naming the field.
  // (It must be done at a moment the step is possible: a step that is not
  // possible now is answered 409 before its fields are looked at.)
  if (body && typeof body === 'object' && raw === undefined && (expect === 200 || expect === 201)) {
    assert.ok(o.op.responses['422'], `${opId} documents 422`);
    const probe = await api(o.method.toUpperCase(), url, { ...body, unexpected_field: true }, { headers, ...who });
    checkResponse(o, probe);
    assert.equal(probe.status, 422, `${opId} with an unknown field: ${probe.text.slice(0, 400)}`);
    assert.ok(probe.json.errors.some((e) => e.field === 'unexpected_field'), `${opId} names the unknown field: ${probe.text}`);
    unknownRefused.add(opId);
  }
  const res = await api(o.method.toUpperCase(), url, body, { raw, headers, ...who });
  checkResponse(o, res);
  if (expect !== undefined) assert.equal(res.status, expect, `${opId}: ${res.text.slice(0, 600)}`);
  return res;
}

function checkResponse(o, res) {
  const where = `${o.method.toUpperCase()} ${o.path} (${o.op.operationId})`;
  assert.ok(Object.hasOwn(o.op.responses, String(res.status)),
    `${where} answered ${res.status}, which the document does not list (${Object.keys(o.op.responses).join(', ')}): ${res.text.slice(0, 400)}`);
  const { parts, response } = responsePath(o, res.status);
  const types = Object.keys(response.content ?? {});
  if (types.length === 0) return;
  const ct = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  assert.ok(types.includes(ct), `${where} ${res.status} answered ${ct}, documented ${types.join(', ')}`);
  if (ct === 'application/json') {
    assert.notEqual(res.json, null, `${where} answered invalid JSON`);
    assertValid(validatorAt([...parts, 'content', 'application/json', 'schema']), res.json, `${where} ${res.status} body`);
  }
  for (const [name, h] of Object.entries(response.headers ?? {})) {
    const hv = res.headers.get(name);
    const header = deref(h);
    if (header.required !== false) assert.ok(hv !== null, `${where} ${res.status}: header ${name} is documented but missing`);
    if (hv !== null && header.schema) {
      const hparts = [...parts, 'headers', name, 'schema'];
      assertValid(validatorAt(hparts), hv, `${where} header ${name}`);
    }
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };
const personNamed = (c, name) => c.people.find((p) => p.name === name)?.id;

// ---------------------------------------------------------------- 1 and 2

test('the served document is src/web/openapi.json (rebuild after editing it)', async () => {
  const res = await api('GET', '/api/openapi.json');
  assert.equal(res.status, 200);
  doc = res.json;
  assert.deepEqual(doc, FILE_DOC, 'the server embeds an older openapi.json: run make build/hearth');
  ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  // The document is added whole so that "#/components/..." resolves; its
  // OpenAPI-only top-level fields are declared as (non-validating) keywords.
  for (const k of Object.keys(doc)) if (!ajv.getKeyword(k)) ajv.addKeyword(k);
  ajv.addSchema(doc, DOC_ID);
  for (const [path, item] of Object.entries(doc.paths))
    for (const method of METHODS)
      if (item[method]) ops.set(item[method].operationId, { method, path, op: item[method] });
  exercised.add('openapi');
});

test('1. the document describes exactly the routes `hearth routes` prints, with their actions as operationIds', () => {
  const lines = execFileSync(BIN, ['routes'], { encoding: 'utf8' }).trim().split('\n');
  const routes = new Map();
  for (const line of lines) {
    const [method, pattern, action, page] = line.trim().split(/\s+/);
    if (page === 'page') continue; // the HTML pages: the same handlers, documented by their /api twins
    routes.set(`${method} ${pattern.replace(/:([a-z_]+)/g, '{$1}')}`, action);
  }
  assert.ok(routes.size >= 30, `hearth routes printed ${routes.size} routes`);
  const documented = new Map();
  for (const [path, item] of Object.entries(doc.paths))
    for (const method of METHODS)
      if (item[method]) documented.set(`${method.toUpperCase()} ${path}`, item[method].operationId);
  const missing = [...routes.keys()].filter((k) => !documented.has(k));
  const extra = [...documented.keys()].filter((k) => !routes.has(k));
  assert.deepEqual(missing, [], 'routes the document does not describe');
  assert.deepEqual(extra, [], 'documented operations the server does not have');
  for (const [k, action] of routes) assert.equal(documented.get(k), action, `operationId of ${k}`);
  assert.equal(new Set(documented.values()).size, documented.size, 'operationIds are unique');
});

test('2. every $ref resolves and every schema compiles', () => {
  assert.match(doc.openapi, /^3\.1\.\d+$/);
  const seen = [];
  const walk = (v, at) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}/${i}`));
    if (!v || typeof v !== 'object') return;
    if (typeof v.$ref === 'string') { seen.push(v.$ref); resolvePointer(v.$ref); }
    for (const [k, x] of Object.entries(v)) walk(x, `${at}/${k}`);
  };
  walk(doc, '#');
  assert.ok(seen.length > 100, 'the document reuses its components');
  for (const name of Object.keys(doc.components.schemas)) validatorAt(['components', 'schemas', name]);
  const tagNames = new Set((doc.tags ?? []).map((t) => t.name));
  for (const [opId, o] of ops) {
    assert.ok(o.op.summary?.length > 5, `${opId} has a summary`);
    assert.ok(o.op.tags?.length > 0 && o.op.tags.every((t) => tagNames.has(t)), `${opId} has declared tags`);
    const params = (o.op.parameters ?? []).map(deref);
    for (const m of o.path.matchAll(/\{([a-z_]+)\}/g))
      assert.ok(params.some((p) => p.in === 'path' && p.name === m[1] && p.required), `${opId} declares path parameter ${m[1]}`);
    for (const status of Object.keys(o.op.responses)) {
      const { parts, response } = responsePath(o, status);
      assert.ok(response.description, `${opId} ${status} has a description`);
      for (const type of Object.keys(response.content ?? {})) validatorAt([...parts, 'content', type, 'schema']);
    }
    const rp = requestSchemaPath(o);
    if (rp) {
      const media = deref(o.op.requestBody).content['application/json'];
      assert.ok(media.example !== undefined, `${opId} has a request example`);
      assertValid(validatorAt(rp), media.example, `the request example of ${opId}`);
      for (const s of ['400', '413', '415', '422']) assert.ok(o.op.responses[s], `${opId} documents ${s}`);
    }
  }
});

// ---------------------------------------------------------------- 3: the walk

const T = {
  consultation: daysAgo(30), consent: daysAgo(29), allocated: daysAgo(28), contacted: daysAgo(27),
  meeting: daysAgo(6), decided: daysAgo(5), sent: daysAgo(5), review: daysAgo(2), closed: daysAgo(1),
};
const reviewDate = dateOnly(new Date(Date.now() + 20 * 86400e3));
let mainCase;

// Books a case from the example (in the North team) and takes it
// (optionally) to the stage after first contact.
async function bookCase(overrides = {}, { as } = {}) {
  const example = await realise(exampleOf('book_consultation'), { team_id: await teamId('North team') });
  const body = { ...retime(example, { consultation_at: T.consultation }), ...overrides };
  const res = await call('book_consultation', { body, expect: 201, as });
  assert.equal(res.headers.get('location'), `/api/cases/${res.json.id}`);
  return res.json;
}

async function throughFirstContact(c) {
  const id = c.id;
  let r = await call('screen', { id, body: await realise(exampleOf('screen'), {}), expect: 200 });
  assert.equal(r.json.stage, 'consent');
  r = await call('add_person', { id, body: await realise(exampleOf('add_person'), {}), expect: 200 });
  const parent = personNamed(r.json, exampleOf('add_person').name);
  assert.ok(parent);
  r = await call('record_consent', { id, body: retime(await realise(exampleOf('record_consent'), { person_id: parent }), { given_at: T.consent }), expect: 200 });
  assert.equal(r.json.stage, 'allocation');
  r = await call('allocate', { id, body: retime(await realise(exampleOf('allocate'), {}), { allocated_at: T.allocated }), expect: 200 });
  assert.equal(r.json.stage, 'first_contact');
  r = await call('first_contact', { id, body: retime(await realise(exampleOf('first_contact'), {}), { contacted_at: T.contacted }), expect: 200 });
  assert.equal(r.json.stage, 'preparation');
  return { parent, case: r.json };
}

test('3. a case walked through its whole life matches the document at every step', async () => {
  const c = await bookCase();
  const id = c.id;
  assert.equal(c.stage, 'consultation');
  await call('view_case', { id, expect: 200 });
  const update = retime(exampleOf('update_consultation'), { consultation_at: T.consultation });
  let r = await call('update_consultation', { id, body: update, expect: 200 });
  assert.equal(r.json.consultation.questions, update.questions);

  const { parent } = await throughFirstContact(c);
  const ctx = { person_id: parent };
  r = await call('update_preparation', { id, body: await realise(exampleOf('update_preparation'), ctx), expect: 200 });
  assert.equal(r.json.preparation.interpreter_language, exampleOf('update_preparation').interpreter_language);
  r = await call('schedule_meeting', { id, body: retime(exampleOf('schedule_meeting'), { scheduled_at: T.meeting }), expect: 200 });
  assert.equal(r.json.stage, 'meeting');
  r = await call('record_meeting', { id, body: retime(await realise(exampleOf('record_meeting'), ctx), { held_at: T.meeting }), expect: 200 });
  assert.equal(r.json.stage, 'plan');
  r = await call('record_plan', { id, body: retime(exampleOf('record_plan'), { review_date: reviewDate }), expect: 200 });
  assert.equal(r.json.plans.length, 1);
  r = await call('referrer_decision', { id, body: retime(exampleOf('referrer_decision'), { decided_at: T.decided }), expect: 200 });
  r = await call('validate_plan', { id, body: await realise(exampleOf('validate_plan'), ctx), expect: 200 });
  assert.equal(r.json.stage, 'distribution');
  r = await call('record_distribution', { id, body: retime(await realise(exampleOf('record_distribution'), ctx), { sent_at: T.sent }), expect: 200 });
  // Who should have it, worked out from the case (e-mailing it is in mail.test.mjs).
  assert.ok(r.json.plan_recipients.some((p) => p.member_id === null && p.why === 'Referred the family'));
  await call('send_plan', { id, body: {}, expect: 422 });
  await call('send_plan', { id, body: { people: [ctx.person_id] }, as: 'referrer', expect: 403 });
  r = await call('complete_distribution', { id, body: exampleOf('complete_distribution'), expect: 200 });
  assert.equal(r.json.stage, 'monitoring');
  r = await call('schedule_review', { id, body: retime(exampleOf('schedule_review'), { scheduled_at: T.review }), expect: 200 });
  assert.equal(r.json.stage, 'review');

  // One status per action of the current plan, shaped like the example's first.
  const items = r.json.plans.at(-1).items;
  const review = retime(await realise(exampleOf('record_review'), { ...ctx, item_id: items[0].id }), { held_at: T.review });
  review.item_statuses = items.map((it) => ({ ...review.item_statuses[0], item_id: it.id }));
  r = await call('record_review', { id, body: review, expect: 200 });
  assert.equal(r.json.plans.length, 2);
  // The plan as a PDF: both versions, as a manager and as the coordinator.
  for (const version of ['1', '2']) {
    r = await call('view_plan_document', { id, params: { version }, expect: 200 });
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    assert.ok(r.text.startsWith('%PDF-'), 'a PDF');
  }
  await call('view_plan_document', { id, params: { version: '2' }, as: 'coordinator', expect: 200 });
  await call('view_plan_document', { id, params: { version: '3' }, expect: 404 });
  await call('view_plan_document', { id, params: { version: 'latest' }, expect: 404 });
  await call('view_plan_document', { id, params: { version: '1' }, as: 'other_referrer', expect: 403 });
  await call('view_plan_document', { id, params: { version: '1' }, as: null, expect: 401 });

  r = await call('record_evaluation', { id, body: await realise(exampleOf('record_evaluation'), ctx), expect: 200 });
  const child = r.json.people.find((p) => p.role === 'child').id;
  r = await call('record_evaluation', {
    id, expect: 200,
    body: { respondent_kind: 'child', person_id: child, felt_listened_to: 'happy', understood_plan: 'okay', felt_safe: 'happy' },
  });
  assert.equal(r.json.evaluations.length, 2);
  for (const kind of ['family', 'child']) {
    r = await call('view_evaluation_form', { id, params: { kind }, expect: 200 });
    assert.match(r.headers.get('content-disposition'), new RegExp(`^inline; filename="evaluation-${kind}-`));
  }
  await call('view_evaluation_form', { id, params: { kind: 'teacher' }, expect: 404 });
  await call('view_evaluation_form', { id, params: { kind: 'child' }, as: 'referrer', expect: 403 });
  await call('view_closure_letter', { id, params: { to: 'referrer' }, expect: 409 });
  r = await call('close', { id, body: retime(await realise(exampleOf('close'), ctx), { sent_at: T.closed }), expect: 200 });
  assert.equal(r.json.stage, 'closed');
  r = await call('record_notification', { id, body: retime(exampleOf('record_notification'), { sent_at: T.closed }), expect: 200 });
  assert.equal(r.json.closure.notifications.length, 2);
  r = await call('view_closure_letter', { id, params: { to: 'referrer' }, expect: 200 });
  assert.match(r.headers.get('content-disposition'), /^inline; filename="closure-/);
  await call('view_closure_letter', { id, params: { to: child }, expect: 200 });
  await call('view_closure_letter', { id, params: { to: 'f'.repeat(32) }, expect: 404 });
  await call('view_closure_letter', { id, params: { to: 'everyone' }, expect: 404 });
  await call('view_closure_letter', { id, params: { to: 'referrer' }, as: 'referrer', expect: 403 });

  r = await call('view_timeline', { id, expect: 200 });
  assert.ok(r.json.events.length >= 20);
  mainCase = await call('view_case', { id, expect: 200 });
});

test('3. e-mailing the plan matches the document', async () => {
  const c = await bookCase({ child_name: 'Lena Wiśniewska' });
  const { parent } = await throughFirstContact(c);
  const id = c.id, ctx = { person_id: parent };
  await call('schedule_meeting', { id, body: retime(exampleOf('schedule_meeting'), { scheduled_at: T.meeting }), expect: 200 });
  await call('record_meeting', { id, body: retime(await realise(exampleOf('record_meeting'), ctx), { held_at: T.meeting }), expect: 200 });
  await call('record_plan', { id, body: retime(exampleOf('record_plan'), { review_date: reviewDate }), expect: 200 });
  await call('referrer_decision', { id, body: retime(exampleOf('referrer_decision'), { decided_at: T.decided }), expect: 200 });
  await call('validate_plan', { id, body: await realise(exampleOf('validate_plan'), ctx), expect: 200 });
  // This server sends no mail: the message waits, and so does the clock.
  const r = await call('send_plan', { id, body: { referrer: true }, expect: 200 });
  assert.equal(r.json.mail.at(-1).kind, 'plan');
  assert.equal(r.json.plan_recipients.find((p) => p.member_id === null).mail_state, 'queued');
  await call('complete_distribution', { id, body: {}, expect: 409 });
});

test('3. an emergency request and its decision match the document', async () => {
  const c = await bookCase({ emergency: true, emergency_reason: 'The placement with her grandmother may break down this week.' });
  const r = await call('emergency_decision', { id: c.id, body: await realise(exampleOf('emergency_decision'), {}), expect: 200 });
  assert.equal(r.json.emergency.decision, exampleOf('emergency_decision').decision);
});

test('3. a meeting without agreement and the decision that follows match the document', async () => {
  const c = await bookCase({ child_name: 'Oskar Nowak' });
  const { parent } = await throughFirstContact(c);
  const id = c.id;
  await call('schedule_meeting', { id, body: retime(exampleOf('schedule_meeting'), { scheduled_at: T.meeting }), expect: 200 });
  const meeting = retime(await realise(exampleOf('record_meeting'), { person_id: parent }), { held_at: T.meeting });
  meeting.outcome = 'no_agreement';
  delete meeting.agreeing_the_plan;
  let r = await call('record_meeting', { id, body: meeting, expect: 200 });
  assert.equal(r.json.stage, 'no_agreement');
  r = await call('no_agreement_decision', { id, body: exampleOf('no_agreement_decision'), expect: 200 });
  assert.equal(r.json.no_agreement.choice, exampleOf('no_agreement_decision').choice);
  // A refused transition: closure notifications need a closed case.
  r = await call('record_notification', { id, body: exampleOf('record_notification'), expect: 409 });
});

test('3. the settings: GET, then PUT back the same values', async () => {
  const before = (await call('view_timescales', { expect: 200 })).json;
  const { bank_holidays: _readOnly, ...same } = before;
  const r = await call('change_timescales', { body: same, expect: 200 });
  assert.deepEqual(r.json, before);
  await call('change_timescales', { body: same, as: 'coordinator', expect: 403 });

  const schedule = (await call('view_session_schedule', { as: 'referrer', expect: 200 })).json;
  assert.deepEqual((await call('change_session_schedule', { body: schedule, expect: 200 })).json, schedule);
  await call('change_session_schedule', { body: { ...schedule, start: '23:30' }, expect: 422 });
  await call('change_session_schedule', { body: schedule, as: 'coordinator', expect: 403 });
  // The service's details: the name stays what every document test expects.
  const service = (await call('view_service_settings', { as: 'referrer', expect: 200 })).json;
  assert.equal(service.name, 'Family Group Conference Service');
  const withContact = { ...service, phone: '01253 477 000', website: 'https://www.example.gov.uk/family-meetings' };
  assert.deepEqual((await call('change_service_settings', { body: withContact, expect: 200 })).json, withContact);
  assert.deepEqual((await call('view_service_settings', { expect: 200 })).json, withContact);
  // Outside the document's schema: sent raw, refused with the field named.
  const bad = async (b, field) => {
    const r = await call('change_service_settings', { raw: JSON.stringify(b), headers: { 'content-type': 'application/json' }, expect: 422 });
    assert.ok(r.json.errors.some((e) => e.field === field), r.text);
  };
  await bad({ ...service, name: '' }, 'name');
  await bad({ ...service, email: 'not an address' }, 'email');
  await call('change_service_settings', { body: service, as: 'coordinator', expect: 403 });
  await call('change_service_settings', { body: service, expect: 200 });
  const venue = (await call('add_venue', { body: { name: `Hall ${Date.now()}`, address: 'Church Road' }, as: 'team_manager', expect: 201 })).json;
  await call('add_venue', { body: { name: venue.name.toUpperCase() }, expect: 422 });
  assert.equal((await call('view_venue', { id: venue.id, as: 'coordinator', expect: 200 })).json.name, venue.name);
  const retired = (await call('change_venue', { id: venue.id, body: { name: venue.name, active: false }, expect: 200 })).json;
  assert.equal(retired.active, false);
  const inUse = (await call('list_venues', { as: 'coordinator', expect: 200 })).json.venues;
  assert.ok(!inUse.some((v) => v.id === venue.id), 'a retired venue is not offered');
  await call('add_venue', { body: { name: 'Nope' }, as: 'coordinator', expect: 403 });
  const week = (await call('view_consultation_sessions', { as: 'team_manager', expect: 200 })).json;
  assert.equal(week.slots.length, week.bank_holiday ? 0 : schedule.slots);

  // The sign-in settings are the administrator's. The same values go back,
  // so the other test files (running at the same time) are not affected.
  const security = (await call('view_security_settings', { as: 'administrator', expect: 200 })).json;
  const again = await call('change_security_settings', { body: security, as: 'administrator', expect: 200 });
  assert.deepEqual(again.json, security);
  await call('view_security_settings', { as: 'service_manager', expect: 403 });
  // A body the schema refuses is sent raw (call() checks every body it sends).
  await call('change_security_settings', { raw: JSON.stringify({ ...security, idle_minutes: 4 }), headers: JSON_TYPE, as: 'administrator', expect: 422 });
});

test('3. the list, dashboard, users, timeline, health, home page and document match the document', async () => {
  await call('home', { expect: 303 });
  await call('health', { expect: 200 });
  await call('openapi', { expect: 200 });
  await call('dashboard', { expect: 200 });
  const staff = await call('list_users', { expect: 200 });
  assert.ok(staff.json.users.length > 0);
  await call('list_users', { query: '?role=coordinator', expect: 200 });
  const everyone = await call('list_users', { query: '?all=true', as: 'administrator', expect: 200 });
  assert.ok(everyone.json.users.length >= staff.json.users.length);
  await call('list_users', { query: '?all=true', as: 'coordinator', expect: 403 });
  await call('list_users', { as: 'referrer', expect: 200 });
  await call('dashboard', { as: 'referrer', expect: 403 });
  await call('list_cases', { as: 'administrator', expect: 403 });
  const coordinator = staff.json.users.find((u) => u.roles.includes('coordinator')).id;
  await call('list_cases', { query: `?stage=closed&coordinator=${coordinator}&open=false&overdue=0&q=zof&page=1&per_page=5`, expect: 200 });
  await call('list_cases', { query: '?open=true&overdue=true', expect: 200 });

  // Every case on the server (the demo cases included) reads as documented.
  for (let page = 1; ; page++) {
    const list = await call('list_cases', { query: `?per_page=100&page=${page}`, expect: 200 });
    for (const item of list.json.items) {
      await call('view_case', { id: item.id, expect: 200 });
      await call('view_timeline', { id: item.id, expect: 200 });
    }
    if (page >= list.json.total_pages) break;
  }
});

test('3. accounts and teams: the administrator adds, reads and changes them', async () => {
  const north = await teamId('North team');
  const teams = await call('list_teams', { as: 'coordinator', expect: 200 });
  assert.ok(teams.json.teams.some((t) => t.id === north));
  // A new team's name sorts after North and South: a case booked by someone
  // with no team goes to the first team by name, which must stay North.
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const team = await call('add_team', { body: { ...exampleOf('add_team'), name: `West team ${tag}` }, as: 'administrator', expect: 201 });
  assert.equal(team.json.members, 0);
  await call('add_team', { body: { name: `West team ${tag}` }, as: 'administrator', expect: 422 });
  await call('add_team', { body: { name: `Xylophone team ${tag}` }, as: 'team_manager', expect: 403 });

  const body = { ...(await realise(exampleOf('add_user'), { team_id: north })), name: `OpenAPI Tester ${tag}`, email: `openapi.${tag}@example.org` };
  const added = await call('add_user', { body, as: 'administrator', expect: 201 });
  assert.ok(added.json.one_time_password);
  assert.equal(added.json.team_id, north);
  await call('add_user', { body, as: 'administrator', expect: 422 }); // the email address is taken
  const id = added.json.id;
  await call('view_user', { id, as: 'administrator', expect: 200 });
  await call('view_user', { id, as: 'service_manager', expect: 403 });
  await call('view_user', { id: 'f'.repeat(32), as: 'administrator', expect: 404 });
  const change = { ...(await realise(exampleOf('change_user'), { team_id: north })), name: `OpenAPI Tester ${tag} (changed)`, roles: ['coordinator'] };
  let r = await call('change_user', { id, body: change, as: 'administrator', expect: 200 });
  assert.equal(r.json.name, change.name);
  r = await call('change_user', { id, body: { ...change, active: false }, as: 'administrator', expect: 200 });
  assert.equal(r.json.active, false);
  r = await call('change_user', { id, body: { ...change, active: true }, as: 'administrator', expect: 200 });
  assert.equal(r.json.active, true);
  // The email address cannot be changed (it is not in the schema, so it is sent raw).
  await call('change_user', { id, as: 'administrator', raw: JSON.stringify({ ...change, email: 'someone.else@example.org' }), headers: JSON_TYPE, expect: 422 });
  await call('reset_password', { id: 'f'.repeat(32), body: exampleOf('reset_password'), as: 'administrator', expect: 404 });
});

test('3. signing in, the second factor, sessions and passwords match the document', async () => {
  // A fresh account, so no demo account or cached session is disturbed.
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const fresh = (await call('add_user', {
    body: { ...(await realise(exampleOf('add_user'), { team_id: await teamId('North team') })), name: `Signing In ${tag}`, email: `signing.in.${tag}@example.org` },
    as: 'administrator', expect: 201,
  })).json;
  const login = { ...exampleOf('sign_in'), email: fresh.email, password: fresh.one_time_password };
  const sessionOf = (res) => ({ cookie: cookieOf(res), csrf: res.json.csrf_token });

  // One wrong password (a failed attempt from 127.0.0.1), then the right one.
  let r = await call('sign_in', { body: { ...login, password: 'not the password at all' }, as: null, expect: 401 });
  assert.equal(r.headers.get('set-cookie'), null);
  r = await call('sign_in', { body: login, as: null, expect: 201 });
  assert.equal(r.json.signed_in, true);
  assert.equal(r.json.second_factor, 'done');
  const first = sessionOf(r);
  r = await call('view_session', { as: first, expect: 200 });
  assert.equal(r.json.user.id, fresh.id);
  assert.equal(r.json.via, 'session');
  await call('view_session', { as: null, expect: 401 });

  // The one-time password is replaced by the person's own.
  const password = `lantern orchard velvet harbour ${tag}`;
  r = await call('change_own_password', { body: { ...exampleOf('change_own_password'), current_password: fresh.one_time_password, new_password: password }, as: first, expect: 200 });
  await call('change_own_password', { body: { current_password: password, new_password: 'short' }, as: first, expect: 422 });

  // An authenticator app: the secret, then a code made from it.
  await call('confirm_enrolment', { body: { code: '123456' }, as: first, expect: 409 }); // nothing to confirm yet
  r = await call('start_enrolment', { body: exampleOf('start_enrolment'), as: first, expect: 201 });
  const { secret } = r.json;
  assert.match(r.json.otpauth_uri, new RegExp(`secret=${secret}`));
  const step = stepNow();
  r = await call('confirm_enrolment', { body: { code: totp(secret, step) }, as: first, expect: 200 });
  assert.equal(r.json.has_authenticator, true);
  await call('second_factor', { body: { code: totp(secret, step) }, as: first, expect: 409 }); // not waiting for a code

  // Signing in now waits for a code; until it comes, only the sign-in steps answer.
  r = await call('sign_in', { body: { ...login, password }, as: null, expect: 201 });
  assert.equal(r.json.signed_in, false);
  assert.equal(r.json.second_factor, 'code');
  const second = sessionOf(r);
  r = await call('view_session', { as: second, expect: 200 });
  assert.equal(r.json.signed_in, false);
  await call('list_cases', { as: second, expect: 401 });
  await call('list_own_sessions', { as: second, expect: 401 });
  await call('start_enrolment', { body: {}, as: second, expect: 401 });
  // The code of the next step: the current one was used to confirm the app.
  const code = totp(secret, step + 1);
  r = await call('second_factor', { body: { ...exampleOf('second_factor'), code }, as: second, expect: 200 });
  assert.equal(r.json.signed_in, true);
  assert.notEqual(cookieOf(r), '', 'a new cookie');
  second.cookie = cookieOf(r);
  await call('list_cases', { query: '?per_page=1', as: second, expect: 200 });

  // A code used once is refused (401, field "code") on a third session, which is then signed out.
  r = await call('sign_in', { body: { ...login, password }, as: null, expect: 201 });
  const third = sessionOf(r);
  r = await call('second_factor', { body: { code }, as: third, expect: 401 });
  assert.equal(r.json.errors[0].field, 'code');
  r = await call('sign_out', { as: third, expect: 200 });
  assert.match(r.headers.get('set-cookie'), /Max-Age=0/);
  await call('view_session', { as: third, expect: 401 });
  await call('sign_out', { as: third, expect: 401 });

  // Your own sessions: the second ends the first.
  r = await call('list_own_sessions', { as: second, expect: 200 });
  const mine = r.json.sessions;
  assert.ok(mine.some((s) => s.current));
  const other = mine.find((s) => !s.current && s.second_factor === 'done');
  assert.ok(other, JSON.stringify(mine));
  await call('end_own_session', { id: other.id, as: second, expect: 200 });
  await call('view_session', { as: first, expect: 401 });
  await call('end_own_session', { id: other.id, as: second, expect: 404 });
  await call('end_own_session', { id: 'not-a-session', as: second, expect: 404 });
  await call('sign_out', { as: second, headers: { 'x-csrf-token': 'wrong' }, expect: 403 });

  // The administrator resets the password and removes the app: every session ends.
  r = await call('reset_password', { id: fresh.id, body: { ...exampleOf('reset_password'), second_factor: true }, as: 'administrator', expect: 200 });
  assert.equal(r.json.second_factor, false);
  assert.ok(r.json.one_time_password);
  await call('view_session', { as: second, expect: 401 });
  await call('reset_password', { id: fresh.id, body: {}, as: 'team_manager', expect: 403 });
});

test('3. API tokens match the document', async () => {
  const staff = await users();
  const coordinator = staff.coordinator[0];
  const made = await call('create_token', { body: await realise(exampleOf('create_token'), { user_id: coordinator.id }), as: 'administrator', expect: 201 });
  const bearer = { authorization: `Bearer ${made.json.token}` };
  let r = await call('view_session', { as: null, headers: bearer, expect: 200 });
  assert.equal(r.json.via, 'api_token');
  assert.equal(r.json.user.id, coordinator.id);
  await call('list_cases', { query: '?per_page=1', as: null, headers: bearer, expect: 200 });
  await call('dashboard', { as: null, headers: bearer, expect: 200 });
  await call('sign_out', { as: null, headers: bearer, expect: 409 });
  await call('start_enrolment', { body: {}, as: null, headers: bearer, expect: 409 });
  await call('create_token', { body: { user_id: coordinator.id, name: 'Too much', roles: 'administrator' }, as: 'administrator', expect: 422 });
  await call('create_token', { body: { user_id: coordinator.id, name: 'Not mine to make', roles: 'coordinator' }, as: 'service_manager', expect: 403 });

  r = await call('list_tokens', { as: 'administrator', expect: 200 });
  assert.ok(r.json.tokens.some((t) => t.id === made.json.id));
  r = await call('list_tokens', { as: 'coordinator', expect: 200 });
  await call('revoke_token', { id: made.json.id, as: 'administrator', expect: 200 });
  await call('revoke_token', { id: made.json.id, as: 'administrator', expect: 404 });
  await call('view_session', { as: null, headers: bearer, expect: 401 });
});

test('3. break-glass and the audit trail match the document', async () => {
  const staff = await users();
  // Booked by the service manager in the North team: not the South team manager's.
  const c = await bookCase({ child_name: 'Maja Zielińska' });
  const id = c.id;
  let r = await call('view_case', { id, as: 'south_team_manager', expect: 403 });
  assert.equal(r.json.break_glass, true);
  assert.equal(r.json.break_glass_url, `/api/cases/${id}/break-glass`);
  const reason = exampleOf('break_glass');
  await call('break_glass', { id, body: reason, as: 'team_manager', expect: 409 }); // their own team's
  await call('break_glass', { id, body: reason, as: 'service_manager', expect: 403 }); // not a team manager
  await call('break_glass', { id, raw: JSON.stringify({ reason: 'Too short' }), headers: JSON_TYPE, as: 'south_team_manager', expect: 422 });
  await call('break_glass', { id: 'f'.repeat(32), body: reason, as: 'south_team_manager', expect: 404 });
  r = await call('break_glass', { id, body: reason, as: 'south_team_manager', expect: 201 });
  assert.equal(r.json.granted, true);
  r = await call('view_case', { id, as: 'south_team_manager', expect: 200 });
  assert.ok(Array.isArray(r.json.people), 'a team manager sees the whole case');

  r = await call('case_audit', { id, expect: 200 });
  assert.ok(r.json.records.some((a) => a.break_glass === reason.reason && a.action === 'view_case'), 'the look is recorded with its reason');
  r = await call('case_audit', { id, query: '?format=csv', as: 'team_manager', expect: 200 });
  assert.match(r.text, /^seq,at,user_id,user_name,role,session,action,object,object_id,case_id,case_reference,fields,outcome,break_glass,address\r\n/);
  await call('case_audit', { id, query: '?format=json&page=1', as: 'team_manager', expect: 200 });
  await call('case_audit', { id, query: '?format=xml', expect: 422 });
  await call('case_audit', { id, as: 'coordinator', expect: 403 });
  await call('case_audit', { id: 'f'.repeat(32), expect: 404 });

  const south = staff.team_manager.find((u) => u.email === DEMO.south_team_manager).id;
  r = await call('user_audit', { id: south, expect: 200 });
  assert.ok(r.json.total > 0);
  r = await call('user_audit', { id: south, query: '?format=csv', as: 'south_team_manager', expect: 200 });
  assert.match(r.headers.get('content-disposition'), /audit-person-/);
  await call('user_audit', { id: south, as: 'team_manager', expect: 403 }); // another team's person
  await call('user_audit', { id: south, as: 'coordinator', expect: 403 });
  await call('user_audit', { id: south, query: '?page=0', expect: 422 });
  await call('user_audit', { id: 'f'.repeat(32), expect: 404 });
});

test('3. a referrer sees less of a case, and only their own cases', async () => {
  const c = await bookCase({ child_name: 'Referred Child' }, { as: 'referrer' });
  assert.equal(c.people, undefined, 'the booking answer is the referrer\'s view');
  let r = await call('view_case', { id: c.id, as: 'referrer', expect: 200 });
  for (const k of ['people', 'consents', 'consent_summary', 'first_contact', 'preparation', 'distributions', 'evaluations'])
    assert.ok(!Object.hasOwn(r.json, k), `a referrer does not see ${k}`);
  const update = retime(await realise(exampleOf('update_consultation'), { team_id: await teamId('North team') }), { consultation_at: T.consultation });
  r = await call('update_consultation', { id: c.id, body: update, as: 'referrer', expect: 200 });
  await call('view_case', { id: c.id, as: 'other_referrer', expect: 403 });
  await call('view_timeline', { id: c.id, as: 'referrer', expect: 403 });
  await call('screen', { id: c.id, body: exampleOf('screen'), as: 'referrer', expect: 403 });
  await call('view_case', { id: c.id, as: null, expect: 401 });
  // A change without the session's CSRF token is refused.
  await call('add_person', { id: c.id, body: exampleOf('add_person'), headers: { 'x-csrf-token': 'not-the-token' }, expect: 403 });

  // Every case the demo referrer booked, at every stage, reads as documented.
  let closedSeen = false;
  for (let page = 1; ; page++) {
    const list = await call('list_cases', { query: `?per_page=100&page=${page}`, as: 'referrer', expect: 200 });
    for (const item of list.json.items) {
      r = await call('view_case', { id: item.id, as: 'referrer', expect: 200 });
      for (const m of r.json.meetings) assert.ok(!Object.hasOwn(m, 'attendance'), 'meetings without attendance');
      if (r.json.closure) { closedSeen = true; assert.ok(!Object.hasOwn(r.json.closure, 'notifications'), 'closure without notifications'); }
    }
    if (page >= list.json.total_pages) break;
  }
  assert.ok(closedSeen, 'the demo referrer has a closed case');
});

test('3. error answers are documented and shaped as documented', async () => {
  const missing = 'f'.repeat(32);
  await call('view_case', { id: missing, expect: 404 });
  await call('view_case', { id: 'not-a-case', expect: 404 });
  await call('view_timeline', { id: missing, expect: 404 });
  await call('screen', { id: missing, body: await realise(exampleOf('screen'), {}), expect: 404 });
  await call('list_cases', { query: '?colour=blue', expect: 422 });
  await call('list_cases', { query: '?per_page=1000', expect: 422 });
  await call('dashboard', { query: '?stage=plan', expect: 422 });
  await call('list_users', { query: '?role=chef', expect: 422 });
  await call('book_consultation', { raw: '{"child_name":', headers: { 'content-type': 'application/json' }, expect: 400 });
  await call('book_consultation', { raw: '[]', headers: { 'content-type': 'application/json' }, expect: 400 });
  await call('book_consultation', { raw: JSON.stringify(exampleOf('book_consultation')), headers: { 'content-type': 'text/plain' }, expect: 415 });
  await call('book_consultation', { raw: JSON.stringify({ ...exampleOf('book_consultation'), family_details: 'x'.repeat(1100000) }), headers: { 'content-type': 'application/json' }, expect: 413 });
  await call('book_consultation', { raw: JSON.stringify({ ...exampleOf('book_consultation'), child_name: '' }), headers: { 'content-type': 'application/json' }, expect: 422 });

  // 405 is not an operation's answer: it is documented once, as a component.
  const res = await api('DELETE', '/api/cases');
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'GET, POST');
  assertValid(validatorAt(['components', 'responses', 'MethodNotAllowed', 'content', 'application/json', 'schema']), res.json, '405 body');
  const nowhere = await api('GET', '/api/nowhere');
  assert.equal(nowhere.status, 404);
  assertValid(validatorAt(['components', 'responses', 'NotFound', 'content', 'application/json', 'schema']), nowhere.json, '404 body');
});


test('3. the family network matches the document', async () => {
  const c = await bookCase({ child_name: 'Lena Kowal' });
  const id = c.id;
  let r = await call('screen', { id, body: await realise(exampleOf('screen'), {}), expect: 200 });
  const child = r.json.people.find((p) => p.subject).id;
  r = await call('add_person', { id, body: await realise(exampleOf('add_person'), {}), expect: 200 });
  const mother = personNamed(r.json, exampleOf('add_person').name);
  r = await call('add_person', { id, body: { name: 'Piotr Kowal', gender: 'male', role: 'parent', parental_responsibility: false }, expect: 200 });
  const father = personNamed(r.json, 'Piotr Kowal');

  r = await call('view_person', { id, params: { pid: mother }, expect: 200 });
  assert.equal(r.json.person.id, mother);
  await call('view_person', { id, params: { pid: 'f'.repeat(32) }, expect: 404 });
  await call('view_person', { id, params: { pid: mother }, as: 'referrer', expect: 403 });
  r = await call('change_person', { id, params: { pid: mother }, body: await realise(exampleOf('change_person'), {}), expect: 200 });
  await call('change_person', { id, params: { pid: 'f'.repeat(32) }, body: exampleOf('change_person'), expect: 404 });

  r = await call('add_relationship', { id, body: await realise(exampleOf('add_relationship'), { a: mother, b: father }), expect: 200 });
  await call('add_relationship', { id, body: { a: mother, kind: 'parent_birth', b: child }, expect: 200 });
  await call('add_relationship', { id, body: { a: father, kind: 'professional', b: child }, expect: 422 });
  r = await call('set_household', { id, body: { ...exampleOf('set_household'), members: [mother, child] }, expect: 200 });
  r = await call('view_network', { id, expect: 200 });
  assert.equal(r.json.relationships.length, 2);
  assert.equal(r.json.households.length, 1);
  const hid = r.json.households[0].id;
  await call('set_household', { id, body: { household_id: hid, label: 'Mum\u2019s flat', members: [mother] }, expect: 200 });
  const rid = r.json.relationships[0].id;
  await call('remove_relationship', { id, params: { rid }, expect: 200 });
  await call('remove_relationship', { id, params: { rid }, expect: 404 });

  r = await call('change_invitations', { id, body: { ...exampleOf('change_invitations'), invited: [mother, father] }, expect: 200 });
  r = await call('record_conversation', { id, body: { ...(await realise(exampleOf('record_conversation'), { member_id: mother })), held_on: dateOnly(new Date(Date.now() - 86400e3)) }, expect: 200 });
  r = await call('record_response', { id, body: await realise(exampleOf('record_response'), { member_id: mother }), expect: 200 });
  r = await call('exclude_person', { id, body: await realise(exampleOf('exclude_person'), { member_id: father }), expect: 200 });
  r = await call('change_invitations', { id, body: { invited: [mother, father] }, expect: 422 });
  // No meeting is arranged yet: no letter to print (the letter itself is in documents.test.mjs).
  await call('view_invitation_letter', { id, params: { pid: mother }, expect: 409 });
  await call('view_invitation_letter', { id, params: { pid: 'f'.repeat(32) }, expect: 404 });
  await call('view_invitation_letter', { id, params: { pid: mother }, as: 'referrer', expect: 403 });
  r = await call('view_network', { id, expect: 200 });
  const xid = r.json.exclusions[0].id;
  r = await call('view_genogram', { id, expect: 200 });
  await call('view_genogram', { id: 'f'.repeat(32), expect: 404 });
  await call('view_network', { id, as: 'referrer', expect: 403 });
  await call('lift_exclusion', { id, params: { xid }, body: exampleOf('lift_exclusion'), expect: 200 });
  await call('lift_exclusion', { id, params: { xid }, body: exampleOf('lift_exclusion'), expect: 422 });
  await call('lift_exclusion', { id, params: { xid: 'f'.repeat(32) }, body: exampleOf('lift_exclusion'), expect: 404 });
  r = await call('view_network', { id, expect: 200 });
  assert.ok(r.json.exclusions[0].lifted_at);

  // Someone already recorded, put on a second case by person_id.
  r = await call('search_people', { query: '?q=kowal', expect: 200 });
  const found = r.json.people.find((p) => p.name === 'Piotr Kowal');
  assert.ok(found);
  await call('search_people', { query: '?q=k', expect: 422 });
  await call('search_people', { expect: 422 });
  await call('search_people', { query: '?q=kowal', as: 'referrer', expect: 403 });
  const other = await bookCase({ child_name: 'Tymon Kowal' });
  await call('screen', { id: other.id, body: await realise(exampleOf('screen'), {}), expect: 200 });
  r = await call('add_person', { id: other.id, body: { person_id: found.id, role: 'parent', parental_responsibility: false }, expect: 200 });
  assert.ok(r.json.people.some((p) => p.person_id === found.id));

  // Every demo case's network reads as documented.
  const list = await call('list_cases', { query: '?per_page=100', expect: 200 });
  for (const item of list.json.items) {
    await call('view_network', { id: item.id, expect: 200 });
  }
});

// ---------------------------------------------------------------- 4

test('4. every operation with a JSON body refuses an unknown field with a documented 422', () => {
  assert.ok(mainCase, 'the walk ran first');
  const withBody = [...ops.entries()].filter(([, o]) => requestSchemaPath(o)).map(([id]) => id);
  assert.ok(withBody.length >= 20, `${withBody.length} operations take a JSON body`);
  assert.deepEqual(withBody.filter((id) => !unknownRefused.has(id)), [], 'every one was probed during the walk');
});

test('every documented operation was exercised', () => {
  const never = [...ops.keys()].filter((k) => !exercised.has(k));
  assert.deepEqual(never, []);
});
