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
//      and the document itself). Every request body is checked against the
//      documented request schema before it is sent; every answer's status must
//      be one the operation documents, and its body must be valid against the
//      schema documented for that status. Every operation must be exercised.
//   4. For every operation with a JSON body, the example plus an unknown field
//      is answered 422, and 422 is documented.
//
// Request bodies are the document's own examples. Their ids are well-formed
// but made up, so before sending, the test replaces each id by the field it is
// in: coordinator_id, recorded_by and closed_by get a real coordinator;
// screened_by, allocated_by and validated_by a team manager; decided_by a
// service manager; person_id a person on the case; item_id the current plan's
// items. Times are replaced by times relative to now (the consultation a month
// ago, the meeting and the review in the past so they can be recorded), so the
// walk does not depend on the date the test runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { api, BIN, users, daysAgo, dateOnly } from './lib.mjs';

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
// Which real id replaces a made-up one, by the name of its field.
const ROLE_OF_FIELD = {
  coordinator_id: 'coordinator', recorded_by: 'coordinator', closed_by: 'coordinator',
  screened_by: 'team_manager', allocated_by: 'team_manager', validated_by: 'team_manager',
  decided_by: 'service_manager',
};

async function realise(example, ctx) {
  const staff = await users();
  const walk = (v, key) => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (typeof v === 'string' && idPattern.test(v)) {
      if (ROLE_OF_FIELD[key]) return staff[ROLE_OF_FIELD[key]][0].id;
      if (key === 'person_id') { assert.ok(ctx.person_id, 'the walk needs a person on the case'); return ctx.person_id; }
      if (key === 'item_id') { assert.ok(ctx.item_id, 'the walk needs a plan item'); return ctx.item_id; }
      assert.fail(`no real id for the example's field "${key}"`);
    }
    return v;
  };
  return walk(structuredClone(example), '');
}

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

// Sends one request to an operation and checks it both ways against the document.
async function call(opId, { id, query = '', body, raw, headers, expect } = {}) {
  const o = ops.get(opId);
  assert.ok(o, `no operation ${opId} in the document`);
  exercised.add(opId);
  const reqPath = requestSchemaPath(o);
  if (body !== undefined && raw === undefined) {
    assert.ok(reqPath, `${opId} documents no JSON request body`);
    assertValid(validatorAt(reqPath), body, `the request body sent to ${opId}`);
  }
  const url = o.path.replace('{id}', id ?? '') + query;
  // Point 4: just before a step that will succeed, the same body with an
  // unknown field must be refused with a documented 422 naming the field.
  // (It must be done at a moment the step is possible: a step that is not
  // possible now is answered 409 before its fields are looked at.)
  if (body && typeof body === 'object' && raw === undefined && (expect === 200 || expect === 201)) {
    assert.ok(o.op.responses['422'], `${opId} documents 422`);
    const probe = await api(o.method.toUpperCase(), url, { ...body, unexpected_field: true }, { headers });
    checkResponse(o, probe);
    assert.equal(probe.status, 422, `${opId} with an unknown field: ${probe.text.slice(0, 400)}`);
    assert.ok(probe.json.errors.some((e) => e.field === 'unexpected_field'), `${opId} names the unknown field: ${probe.text}`);
    unknownRefused.add(opId);
  }
  const res = await api(o.method.toUpperCase(), url, body, { raw, headers });
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
    const [method, pattern, action] = line.trim().split(/\s+/);
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

// Books a case from the example and takes it (optionally) to the stage after first contact.
async function bookCase(overrides = {}) {
  const body = { ...retime(exampleOf('book_consultation'), { consultation_at: T.consultation }), ...overrides };
  const res = await call('book_consultation', { body, expect: 201 });
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

  r = await call('record_evaluation', { id, body: await realise(exampleOf('record_evaluation'), ctx), expect: 200 });
  const child = r.json.people.find((p) => p.role === 'child').id;
  r = await call('record_evaluation', {
    id, expect: 200,
    body: { respondent_kind: 'child', person_id: child, felt_listened_to: 'happy', understood_plan: 'okay', felt_safe: 'happy' },
  });
  assert.equal(r.json.evaluations.length, 2);
  r = await call('close', { id, body: retime(await realise(exampleOf('close'), ctx), { sent_at: T.closed }), expect: 200 });
  assert.equal(r.json.stage, 'closed');
  r = await call('record_notification', { id, body: retime(exampleOf('record_notification'), { sent_at: T.closed }), expect: 200 });
  assert.equal(r.json.closure.notifications.length, 2);

  r = await call('view_timeline', { id, expect: 200 });
  assert.ok(r.json.events.length >= 20);
  mainCase = await call('view_case', { id, expect: 200 });
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
});

test('3. the list, dashboard, users, timeline, health, home page and document match the document', async () => {
  await call('home', { expect: 200 });
  await call('health', { expect: 200 });
  await call('openapi', { expect: 200 });
  await call('dashboard', { expect: 200 });
  const staff = await call('list_users', { expect: 200 });
  assert.ok(staff.json.users.length > 0);
  await call('list_users', { query: '?role=coordinator', expect: 200 });
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
