// The audit trail: what is recorded when people look, change, search and are
// refused; break-glass; who may read the trail (JSON and CSV); and
// `hearth audit verify`, on the live database and on tampered copies.
//
// Sessions whose records are checked are throwaway ones (signIn), so each
// record can be matched to its session: the trail names a session by the
// SHA-256 of its token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, DEMO, api, signIn, users, createCase, freshUser } from './lib.mjs';

const DB = process.env.HEARTH_DB ?? 'sqlite:var/hearth.db';
const SQLITE = DB.startsWith('sqlite:');

// The trail's name for a session: SHA-256 of its token, in hex.
const sessionHash = (s) => createHash('sha256').update(s.cookie.split('=')[1]).digest('hex');
const caseAudit = async (id, as = 'service_manager') => api('GET', `/api/cases/${id}/audit`, undefined, { as });
const userAudit = async (id, as = 'service_manager') => api('GET', `/api/audit/users/${id}`, undefined, { as });

// Parses RFC 4180 CSV (quoted cells, "" for a quote, CRLF rows).
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  assert.ok(!quoted && cell === '' && row.length === 0, 'the CSV ends with a complete row');
  return rows;
}

const COLUMNS = ['seq', 'at', 'user_id', 'user_name', 'role', 'session', 'action', 'object', 'object_id', 'case_id',
  'case_reference', 'fields', 'outcome', 'break_glass', 'address'];

test('looking at a case is recorded: who, through which role, in which session', async () => {
  const u = await users();
  const c = await createCase();
  const tm = await signIn(DEMO.team_manager);
  const r = await api('GET', `/api/cases/${c.id}`, undefined, { as: tm });
  assert.equal(r.status, 200, r.text);
  const a = await caseAudit(c.id);
  assert.equal(a.status, 200, a.text);
  const views = a.json.records.filter((x) => x.action === 'view_case' && x.session === sessionHash(tm));
  assert.equal(views.length, 1, JSON.stringify(a.json.records));
  const v = views[0];
  assert.equal(v.user_id, u.team_manager[0].id);
  assert.equal(v.user_name, u.team_manager[0].name);
  assert.equal(v.role, 'team_manager');
  assert.match(v.session, /^[0-9a-f]{64}$/);
  assert.equal(v.outcome, 'ok');
  assert.equal(v.object, 'case');
  assert.equal(v.case_id, c.id);
  assert.equal(v.case_reference, c.reference);
  assert.equal(v.address, '127.0.0.1');
  assert.equal(v.break_glass, null);
  assert.match(v.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.ok(Math.abs(Date.parse(v.at) - Date.now()) < 60e3, 'recorded now');
  assert.ok(Number.isInteger(v.seq));
  // Newest first; the booking is in the trail too.
  const seqs = a.json.records.map((x) => x.seq);
  assert.deepEqual(seqs, [...seqs].sort((x, y) => y - x));
  assert.ok(a.json.records.some((x) => x.action === 'book_consultation' && x.outcome === 'ok'));
  assert.equal(a.json.total, a.json.records.length);
  // Its timeline is a look too.
  await api('GET', `/api/cases/${c.id}/timeline`, undefined, { as: tm });
  const b = await caseAudit(c.id);
  assert.ok(b.json.records.some((x) => x.action === 'view_timeline' && x.session === sessionHash(tm)));
  // And reading the trail is itself on the trail.
  assert.ok(b.json.records.some((x) => x.action === 'case_audit' && x.role === 'service_manager'));
});

test('a change records the names of the fields, never their values', async () => {
  const c = await createCase();
  const s = await signIn(DEMO.service_manager);
  const name = 'Hidden Auditname Qwertyuiop';
  const r = await api('POST', `/api/cases/${c.id}/people`,
    { name, role: 'relative', relationship: 'great-aunt Zanzibarina', parental_responsibility: false }, { as: s });
  assert.equal(r.status, 200, r.text);
  const a = await caseAudit(c.id);
  const rec = a.json.records.find((x) => x.action === 'add_person' && x.session === sessionHash(s));
  assert.ok(rec, JSON.stringify(a.json.records));
  assert.equal(rec.object, 'person');
  assert.equal(rec.outcome, 'ok');
  assert.deepEqual(rec.fields.split(',').sort(), ['name', 'parental_responsibility', 'relationship', 'role']);
  for (const secret of [name, 'Qwertyuiop', 'Zanzibarina', 'great-aunt']) {
    assert.ok(!a.text.includes(secret), `"${secret}" is not in the trail`);
  }
  const csv = await api('GET', `/api/cases/${c.id}/audit?format=csv`);
  assert.ok(!csv.text.includes('Qwertyuiop') && !csv.text.includes('Zanzibarina'));
});

test('a search is recorded as list_cases', async () => {
  // A fresh coordinator, so the other test files' requests do not push the
  // records off the first page.
  const p = await freshUser({ roles: ['coordinator'] });
  const s = await signIn(p.email, p.password);
  const r = await api('GET', '/api/cases?q=Zofia', undefined, { as: s });
  assert.equal(r.status, 200, r.text);
  await api('GET', '/api/dashboard', undefined, { as: s });
  const a = await userAudit(p.id);
  assert.equal(a.status, 200, a.text);
  const mine = a.json.records.filter((x) => x.session === sessionHash(s));
  const search = mine.find((x) => x.action === 'list_cases');
  assert.ok(search, JSON.stringify(mine));
  assert.equal(search.outcome, 'ok');
  assert.equal(search.role, 'coordinator');
  assert.equal(search.case_id, null);
  assert.ok(mine.some((x) => x.action === 'dashboard'), 'the dashboard is recorded too');
});

test('a refused look is recorded as denied', async () => {
  const u = await users();
  const c = await createCase(); // North, allocated to nobody
  const s = await signIn(DEMO.coordinator);
  const r = await api('GET', `/api/cases/${c.id}`, undefined, { as: s });
  assert.equal(r.status, 403, r.text);
  assert.ok(!r.text.includes(c.reference), 'a refusal shows nothing of the case');
  const w = await api('POST', `/api/cases/${c.id}/people`, { name: 'Denied Person', role: 'friend', parental_responsibility: false }, { as: s });
  assert.equal(w.status, 403, w.text);
  const a = await caseAudit(c.id);
  const denied = a.json.records.filter((x) => x.session === sessionHash(s));
  assert.deepEqual(denied.map((x) => [x.action, x.outcome]).sort(), [['add_person', 'denied'], ['view_case', 'denied']]);
  for (const d of denied) {
    assert.equal(d.user_id, u.coordinator[0].id);
    assert.equal(d.case_id, c.id);
    assert.equal(d.fields, null, 'a refused change records no fields');
  }
  assert.ok(!a.text.includes('Denied Person'));
});

test('break-glass: a manager outside the team gives a reason, and it is on every record', async () => {
  const u = await users();
  const priya = u.team_manager.find((x) => x.email === DEMO.south_team_manager);
  const c = await createCase(); // the North team's
  const s = await signIn(DEMO.south_team_manager);
  const r = await api('GET', `/api/cases/${c.id}`, undefined, { as: s });
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.break_glass, true);
  assert.equal(r.json.break_glass_url, `/api/cases/${c.id}/break-glass`);
  assert.ok(!r.text.includes(c.reference));

  const short = await api('POST', `/api/cases/${c.id}/break-glass`, { reason: 'Need it now please' }, { as: s });
  assert.equal(short.status, 422, short.text);
  assert.equal(short.json.errors[0].field, 'reason');
  const none = await api('POST', `/api/cases/${c.id}/break-glass`, {}, { as: s });
  assert.equal(none.status, 422);
  assert.equal((await api('GET', `/api/cases/${c.id}`, undefined, { as: s })).status, 403, 'still closed');
  const notManager = await api('POST', `/api/cases/${c.id}/break-glass`,
    { reason: 'A coordinator wants to look at this case urgently' }, { as: 'south_coordinator' });
  assert.equal(notManager.status, 403, 'only team managers may break the glass');

  const reason = 'Police called out of hours about this child; North team manager unreachable.';
  const g = await api('POST', `/api/cases/${c.id}/break-glass`, { reason }, { as: s });
  assert.equal(g.status, 201, g.text);
  assert.equal(g.json.granted, true);
  const open = await api('GET', `/api/cases/${c.id}`, undefined, { as: s });
  assert.equal(open.status, 200, open.text);
  assert.equal(open.json.id, c.id);

  const a = await caseAudit(c.id);
  const mine = a.json.records.filter((x) => x.session === sessionHash(s));
  const by = (action, outcome) => mine.find((x) => x.action === action && x.outcome === outcome);
  assert.ok(by('view_case', 'denied'), 'the refused look');
  const grant = by('break_glass', 'ok');
  assert.ok(grant, JSON.stringify(mine));
  assert.equal(grant.break_glass, reason);
  const look = by('view_case', 'ok');
  assert.ok(look);
  assert.equal(look.break_glass, reason, 'the look carries the reason');
  assert.equal(look.role, 'team_manager');
  assert.equal(look.user_id, priya.id);

  // The grant belongs to that session only.
  const other = await signIn(DEMO.south_team_manager);
  assert.equal((await api('GET', `/api/cases/${c.id}`, undefined, { as: other })).status, 403);
  await api('DELETE', '/api/session', undefined, { as: other });
  // A manager's own team's case needs no glass.
  const own = await api('POST', `/api/cases/${c.id}/break-glass`, { reason }, { as: 'team_manager' });
  assert.equal(own.status, 409, own.text);
});

test("reading what a person has looked at: their team's manager or a service manager", async () => {
  const u = await users();
  const tomasz = u.coordinator.find((x) => x.email === DEMO.south_coordinator);
  const grace = u.coordinator[0];
  // A fresh South team manager, whose trail holds only what happens here.
  const p = await freshUser({ roles: ['team_manager'], team: 'South team' });
  const c = await createCase();
  const s = await signIn(p.email, p.password);
  assert.equal((await api('GET', `/api/cases/${c.id}`, undefined, { as: s })).status, 403);
  assert.equal((await api('POST', `/api/cases/${c.id}/break-glass`, { reason: 'Checking the audit trail works end to end' }, { as: s })).status, 201);
  assert.equal((await api('GET', `/api/cases/${c.id}`, undefined, { as: s })).status, 200);
  assert.equal((await api('GET', '/api/cases?q=Kowalska', undefined, { as: s })).status, 200);

  const north = await userAudit(p.id, 'team_manager');
  assert.equal(north.status, 403, 'a team manager cannot read another team: ' + north.text);
  assert.equal((await userAudit(p.id, 'referrer')).status, 403);
  assert.equal((await userAudit(p.id, 'coordinator')).status, 403);
  assert.equal((await userAudit(p.id, 'administrator')).status, 403);
  const sm = await userAudit(p.id);
  assert.equal(sm.status, 200, sm.text);
  assert.ok(sm.json.records.every((x) => x.user_id === p.id));
  assert.deepEqual(sm.json.records.map((x) => [x.action, x.outcome, x.case_id]), [
    ['list_cases', 'ok', null],
    ['view_case', 'ok', c.id],
    ['break_glass', 'ok', c.id],
    ['view_case', 'denied', c.id],
    ['sign_in', 'ok', null],
  ], 'everything the person did, newest first');
  assert.ok(sm.json.records.every((x) => x.session === sessionHash(s)));
  const south = await userAudit(p.id, 'south_team_manager');
  assert.equal(south.status, 200, 'their own team manager can: ' + south.text);
  // Own team: allowed; another team: not.
  assert.equal((await userAudit(tomasz.id, 'south_team_manager')).status, 200);
  assert.equal((await userAudit(grace.id, 'team_manager')).status, 200);
  assert.equal((await userAudit(grace.id, 'south_team_manager')).status, 403);
  assert.equal((await userAudit('01a2000000000000000000000000dead')).status, 404);
  // Paging and formats.
  const p2 = await api('GET', `/api/audit/users/${p.id}?page=2`);
  assert.equal(p2.status, 200);
  assert.deepEqual(p2.json.records, []);
  assert.equal((await api('GET', `/api/audit/users/${p.id}?page=0`)).status, 422);
  assert.equal((await api('GET', `/api/audit/users/${p.id}?format=xml`)).status, 422);
});

test('the trail exports as CSV, and the export is itself recorded', async () => {
  const c = await createCase();
  const s = await signIn(DEMO.team_manager);
  await api('GET', `/api/cases/${c.id}`, undefined, { as: s });
  // A break-glass reason that a spreadsheet would run as a formula.
  const priya = await signIn(DEMO.south_team_manager);
  const formula = '=HYPERLINK("http://evil.example","urgent") police call, "quoted", out of hours';
  assert.equal((await api('POST', `/api/cases/${c.id}/break-glass`, { reason: formula }, { as: priya })).status, 201);

  const json = await caseAudit(c.id);
  const r = await api('GET', `/api/cases/${c.id}/audit?format=csv`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition') ?? '', /^attachment; filename="[^"]+\.csv"$/);
  const rows = parseCsv(r.text);
  assert.deepEqual(rows[0], COLUMNS, 'a header row');
  const body = rows.slice(1);
  assert.ok(body.every((row) => row.length === COLUMNS.length));
  assert.equal(body.length, json.json.total + 1, 'every record, including the JSON read just before');
  const seq = COLUMNS.indexOf('seq'), action = COLUMNS.indexOf('action'), glass = COLUMNS.indexOf('break_glass');
  const sess = COLUMNS.indexOf('session');
  assert.ok(body.some((row) => row[action] === 'view_case' && row[sess] === sessionHash(s)));
  assert.equal(body[0][action], 'case_audit', 'newest first: the JSON read');
  assert.deepEqual(body.slice(1).map((row) => Number(row[seq])), json.json.records.map((x) => x.seq),
    'then the same records as the JSON');
  const cell = body.find((row) => row[action] === 'break_glass')[glass];
  assert.equal(cell, "'" + formula, 'a formula is defused with a leading quote mark');

  const after = await caseAudit(c.id);
  const exp = after.json.records.find((x) => x.action === 'export_case_audit');
  assert.ok(exp, 'the export is on the trail');
  assert.equal(exp.outcome, 'ok');
  assert.equal(exp.case_id, c.id);
  assert.equal(exp.role, 'service_manager');
  assert.equal(after.json.total, body.length + 1);

  // A person's trail exports too, and that export is recorded as the reader's.
  const u = await users();
  const reader = await freshUser({ roles: ['team_manager'] });
  const rs = await signIn(reader.email, reader.password);
  const pr = await api('GET', `/api/audit/users/${u.coordinator[0].id}?format=csv`, undefined, { as: rs });
  assert.equal(pr.status, 200, pr.text);
  assert.match(pr.headers.get('content-type'), /^text\/csv/);
  assert.deepEqual(parseCsv(pr.text)[0], COLUMNS);
  const tr = await userAudit(reader.id);
  const ue = tr.json.records.find((x) => x.action === 'export_user_audit');
  assert.ok(ue, JSON.stringify(tr.json.records));
  assert.equal(ue.object_id, u.coordinator[0].id);
  assert.equal(ue.session, sessionHash(rs));
});

test('a referrer or coordinator cannot read the trail', async () => {
  const u = await users();
  const c = await createCase({}, { as: 'referrer' });
  assert.equal((await api('GET', `/api/cases/${c.id}`, undefined, { as: 'referrer' })).status, 200, 'their own referral');
  for (const who of ['referrer', 'coordinator', 'administrator']) {
    const r = await api('GET', `/api/cases/${c.id}/audit`, undefined, { as: who });
    assert.equal(r.status, 403, `${who}: ${r.text}`);
    const csv = await api('GET', `/api/cases/${c.id}/audit?format=csv`, undefined, { as: who });
    assert.equal(csv.status, 403, `${who} csv`);
    assert.doesNotMatch(csv.headers.get('content-type') ?? '', /csv/);
  }
  assert.equal((await userAudit(u.referrer[0].id, 'referrer')).status, 403, 'not even their own');
  assert.equal((await caseAudit(c.id, 'team_manager')).status, 200, "the team's manager can");
});

// --- hearth audit verify ----------------------------------------------------------

function verify(db) {
  const r = spawnSync(BIN, ['audit', 'verify', '--db', db], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('hearth audit verify finds the live trail intact', async () => {
  // Make sure every kind of record above exists before checking.
  await createCase();
  const r = verify(DB);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /audit trail intact: \d+ records?; latest hash [0-9a-f]{64}/);
});

// The hash of one record, as src/security/audit_chain.c makes it.
const FIELDS = ['at', 'user_id', 'role', 'session', 'action', 'object', 'object_id', 'case_id', 'fields', 'outcome',
  'break_glass', 'address', 'prev_hash'];
function recordHash(rec) {
  const enc = (v) => (v === null || v === undefined ? '-' : `${Buffer.byteLength(String(v))}:${v}`);
  const text = [enc(String(rec.seq)), ...FIELDS.map((f) => enc(rec[f]))].join('\n');
  return createHash('sha256').update(text).digest('hex');
}

test('hearth audit verify finds a changed, removed or inserted record (SQLite copy)', { skip: !SQLITE && 'SQLite only: the unit tests cover PostgreSQL' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-audit-'));
  try {
    const live = DB.slice('sqlite:'.length);
    const q = (file, sqlText) => execFileSync('sqlite3', ['-batch', '-noheader', file, sqlText], { encoding: 'utf8' }).trim();
    const copy = (name, { triggers = false } = {}) => {
      const f = join(dir, name);
      execFileSync('sqlite3', ['-cmd', '.timeout 10000', live, `.backup '${f}'`]);
      if (!triggers) q(f, 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      return f;
    };
    const rows = (file, where) => JSON.parse(execFileSync('sqlite3', ['-json', file, `SELECT * FROM audit_log ${where}`], { encoding: 'utf8' }) || '[]');

    // The copy itself is intact, and our reading of the hash matches the server's.
    const plain = copy('plain.db');
    assert.equal(verify('sqlite:' + plain).status, 0);
    const count = Number(q(plain, 'SELECT COUNT(*) FROM audit_log'));
    assert.ok(count > 20, 'the demo and the tests left a trail');
    for (const rec of rows(plain, 'ORDER BY seq LIMIT 30')) assert.equal(recordHash(rec), rec.hash, `record ${rec.seq}`);
    // With its triggers, the trail refuses changes and deletions.
    const guarded = copy('guarded.db', { triggers: true });
    for (const stmt of ["UPDATE audit_log SET outcome = 'ok' WHERE seq = 3", 'DELETE FROM audit_log WHERE seq = 3']) {
      const r = spawnSync('sqlite3', ['-batch', guarded, stmt], { encoding: 'utf8' });
      assert.notEqual(r.status, 0, stmt);
      assert.match(r.stderr, /append-only/, stmt);
    }

    // Changed: one field of record 5.
    const edited = copy('edited.db');
    q(edited, "UPDATE audit_log SET outcome = 'denied' WHERE seq = 5");
    let r = verify('sqlite:' + edited);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /BROKEN at record 5\b.*changed/);

    // Changed with its own hash recomputed: the next record no longer follows it.
    const rehashed = copy('rehashed.db');
    const five = rows(rehashed, 'WHERE seq = 5')[0];
    five.action = 'nothing_to_see';
    q(rehashed, `UPDATE audit_log SET action = 'nothing_to_see', hash = '${recordHash(five)}' WHERE seq = 5`);
    r = verify('sqlite:' + rehashed);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /BROKEN at record 6\b/);

    // Removed: record 7.
    const deleted = copy('deleted.db');
    q(deleted, 'DELETE FROM audit_log WHERE seq = 7');
    r = verify('sqlite:' + deleted);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /BROKEN at record 8\b.*missing/);

    // Removed from the start.
    const headless = copy('headless.db');
    q(headless, 'DELETE FROM audit_log WHERE seq = 1');
    r = verify('sqlite:' + headless);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /BROKEN at record 2\b/);

    // Inserted: a forged record 10, correctly hashed and chained to 9, with
    // the records after it renumbered to make room.
    const inserted = copy('inserted.db');
    const nine = rows(inserted, 'WHERE seq = 9')[0];
    const forged = { ...nine, seq: 10, action: 'view_case', outcome: 'ok', prev_hash: nine.hash };
    forged.hash = recordHash(forged);
    const lit = (v) => (v === null ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);
    q(inserted, 'UPDATE audit_log SET seq = -seq WHERE seq >= 10; UPDATE audit_log SET seq = 1 - seq WHERE seq < 0;'
      + `INSERT INTO audit_log (seq, ${FIELDS.join(', ')}, hash) VALUES (10, ${FIELDS.map((f) => lit(forged[f])).join(', ')}, ${lit(forged.hash)});`);
    assert.equal(Number(q(inserted, 'SELECT COUNT(*) FROM audit_log')), count + 1);
    r = verify('sqlite:' + inserted);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /BROKEN at record 11\b/, 'the record that was 10 no longer matches its number');

    // Inserted at the end, hashed but not chained to the last record.
    const appended = copy('appended.db');
    const last = rows(appended, 'ORDER BY seq DESC LIMIT 1')[0];
    const tail = { ...last, seq: last.seq + 1, prev_hash: 'f'.repeat(64) };
    tail.hash = recordHash(tail);
    q(appended, `INSERT INTO audit_log (seq, ${FIELDS.join(', ')}, hash) VALUES (${tail.seq}, ${FIELDS.map((f) => lit(tail[f])).join(', ')}, ${lit(tail.hash)})`);
    r = verify('sqlite:' + appended);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, new RegExp(`BROKEN at record ${tail.seq}\\b.*does not follow`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
