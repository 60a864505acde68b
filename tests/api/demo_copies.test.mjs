// `hearth demo --cases N`: many cases made by copying the demo's stories.
// The copies go into a database of their own (a second SQLite file, or a
// second database on the suite's PostgreSQL server), served by a second
// hearth: every copy must be a case hearth can show, in its right stage,
// with its own people, reference and dates, and the audit trail must still
// verify.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const DB = process.env.HEARTH_DB ?? 'sqlite:var/hearth.db';
const BIN = process.env.HEARTH_BIN ?? 'build/hearth';
const N = 400;
let dir, copies, server, base, log = '', pgName;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// SQL on the copies' database, one row a line, columns split by "|".
function sql(query) {
  if (copies.startsWith('sqlite:'))
    return execFileSync('sqlite3', ['-batch', '-noheader', copies.slice(7), query], { encoding: 'utf8', timeout: 30000 }).trim();
  return execFileSync('psql', [copies, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8', timeout: 30000 }).trim();
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hearth-copies-'));
  if (DB.startsWith('sqlite:')) {
    copies = `sqlite:${dir}/copies.db`;
  } else {
    pgName = `hearth_copies_${process.pid}`;
    execFileSync('psql', [DB, '-XAtq', '-c', `CREATE DATABASE ${pgName}`]);
    copies = DB.replace(/\/\/\/hearth\?/, `///${pgName}?`);
    assert.notEqual(copies, DB, 'the copies have a database of their own');
  }
  execFileSync(BIN, ['migrate', '--db', copies]);
  execFileSync(BIN, ['demo', '--db', copies, '--cases', String(N)], { timeout: 120000 });
  const port = await freePort();
  server = spawn(BIN, ['serve', '--db', copies, '--listen', `127.0.0.1:${port}`, '--threads', '2'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.setEncoding('utf8');
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (d) => { log += d; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${log}`)), 15000);
    server.stdout.on('data', (d) => { log += d; if (d.includes('hearth is ready')) { clearTimeout(timer); resolve(); } });
    server.once('exit', (code) => { clearTimeout(timer); reject(new Error(`hearth exited with ${code}: ${log}`)); });
  });
  base = `http://127.0.0.1:${port}`;
});

after(async () => {
  if (server && server.exitCode === null) {
    const done = new Promise((r) => server.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    assert.equal(await done, 0, `the copies' server stopped cleanly: ${log}`);
  }
  assert.doesNotMatch(log, /ERROR: (Address|Leak)Sanitizer|runtime error:/, log);
  if (pgName) execFileSync('psql', [DB, '-XAtq', '-c', `DROP DATABASE ${pgName}`]);
  rmSync(dir, { recursive: true, force: true });
});

async function get(s, p, accept = 'application/json') {
  const res = await fetch(base + p, { headers: { cookie: s.cookie, accept } });
  const text = await res.text();
  return { status: res.status, text, json: accept === 'application/json' ? JSON.parse(text) : null };
}

test('--cases refuses a number it cannot load, and says why', () => {
  for (const bad of ['12', 'lots', '', '20000000', '-5']) {
    const r = spawnSync(BIN, ['demo', '--db', copies, '--cases', bad], { encoding: 'utf8' });
    assert.equal(r.status, 2, `--cases ${JSON.stringify(bad)}`);
    assert.match(r.stderr, /--cases must be a whole number from 40 to 10000000/);
  }
  assert.equal(sql('SELECT COUNT(*) FROM cases'), String(N), 'nothing was added by the refused runs');
});

test('the copies are spread over the years and the stages, each with its own reference and people', () => {
  assert.equal(sql('SELECT COUNT(*) FROM cases'), String(N));
  assert.equal(sql('SELECT COUNT(DISTINCT reference) FROM cases'), String(N), 'references are unique');
  const years = sql('SELECT DISTINCT substr(created_at, 1, 4) FROM cases').split('\n');
  assert.ok(years.length >= 6, `cases from ${years.length} years: ${years}`);
  assert.ok(Math.min(...years.map(Number)) >= 2018, 'inside the years the bank-holiday calendar covers');
  for (const r of sql('SELECT reference, substr(created_at, 1, 4) FROM cases').split('\n')) {
    const [ref, year] = r.split('|');
    assert.equal(ref.slice(4, 8), year, `${ref} is numbered in the year it was made`);
  }
  const stages = sql('SELECT stage FROM cases GROUP BY stage').split('\n');
  for (const s of ['closed', 'not_accepted', 'monitoring', 'review', 'preparation', 'consultation'])
    assert.ok(stages.includes(s), `some case is at ${s}: ${stages}`);
  assert.ok(Number(sql("SELECT COUNT(*) FROM cases WHERE stage = 'closed'")) > N / 2, 'most cases are finished ones');
  // The stories' dates moved together: nothing closes before it was made,
  // no meeting is held before the case was booked.
  assert.equal(sql('SELECT COUNT(*) FROM cases WHERE closed_at < created_at'), '0');
  assert.equal(sql('SELECT COUNT(*) FROM meetings m JOIN cases c ON c.id = m.case_id WHERE m.held_at < c.created_at'), '0');
  assert.equal(sql('SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.at < substr(c.created_at, 1, 10)'), '0');
  // Every copy has people of its own, renamed: the stories' names stay with
  // the stories (three of the forty are the Kowalskis).
  assert.ok(Number(sql("SELECT COUNT(*) FROM people WHERE name = 'Anna Kowalska'")) <= 3);
  assert.ok(Number(sql('SELECT COUNT(DISTINCT name) FROM people')) > 300, 'hundreds of different names');
  assert.equal(sql('SELECT COUNT(*) FROM case_people cp JOIN people p ON p.id = cp.person_id WHERE cp.subject = 1'), String(N), 'one child for each case');
  assert.equal(sql('SELECT COUNT(*) FROM cases c JOIN case_people cp ON cp.case_id = c.id AND cp.subject = 1 JOIN people p ON p.id = cp.person_id WHERE p.name <> c.child_name'), '0', "the case's child is the child on its network");
  const copied = "SELECT id FROM cases WHERE team_id NOT IN (SELECT id FROM teams WHERE name IN ('North team', 'South team'))";
  assert.equal(sql(`SELECT COUNT(*) FROM cases WHERE id IN (${copied})`), String(N - 40), "the copies belong to the new teams");
  assert.equal(sql(`SELECT COUNT(*) FROM outbox WHERE case_id IN (${copied})`), '0', 'copies send no mail');
});

test('the audit trail holds the copies\' history and still verifies', () => {
  const out = execFileSync(BIN, ['audit', 'verify', '--db', copies], { encoding: 'utf8' });
  assert.match(out, /audit trail intact/);
  assert.equal(sql('SELECT COUNT(DISTINCT case_id) FROM audit_log WHERE case_id IS NOT NULL'), String(N), 'every case has its history');
  assert.equal(sql('SELECT COUNT(*) FROM audit_log a WHERE a.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = a.case_id)'), '0');
});

test('hearth migrate writes the search terms of cases that have none (made before migration 009)', async () => {
  const [id, ref] = sql('SELECT id, reference FROM cases ORDER BY id LIMIT 1').split('|');
  sql(`DELETE FROM case_terms WHERE case_id = '${id}'`);
  const out = execFileSync(BIN, ['migrate', '--db', copies], { encoding: 'utf8' });
  assert.match(out, /search terms written for 1 case\n/);
  assert.ok(Number(sql(`SELECT COUNT(*) FROM case_terms WHERE case_id = '${id}'`)) >= 3, 'its words and reference');
  assert.doesNotMatch(execFileSync(BIN, ['migrate', '--db', copies], { encoding: 'utf8' }), /search terms/, 'nothing the second time');
  assert.ok(sql(`SELECT term FROM case_terms WHERE case_id = '${id}'`).split('\n').includes(ref.toLowerCase()));
});

test("a new team's coordinator sees their own cases, and every one of them shows", async () => {
  const res = await fetch(base + '/api/session', {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: 'coordinator.1.team1@example.org', password: 'hearth-demo-2026' }) });
  assert.equal(res.status, 201);
  const s = { cookie: res.headers.get('set-cookie').split(';')[0] };
  const list = (await get(s, '/api/cases?per_page=100')).json;
  assert.ok(list.total > 10 && list.total < N / 2, `a coordinator's share: ${list.total}`);
  const seen = sql("SELECT COUNT(*) FROM cases WHERE coordinator_id = (SELECT id FROM users WHERE email = 'coordinator.1.team1@example.org')");
  assert.equal(String(list.total), seen, 'a coordinator sees the cases allocated to them');
  for (const c of list.items) {
    const page = await get(s, `/cases/${c.id}`, 'text/html');
    assert.equal(page.status, 200, `${c.reference} (${c.stage}): ${page.text.slice(0, 300)}`);
    assert.ok(page.text.includes(c.reference) && page.text.includes(c.child_name.replace(/'/g, '&#39;')), c.reference);
    const json = await get(s, `/api/cases/${c.id}`);
    assert.equal(json.status, 200);
    assert.equal(json.json.stage, c.stage);
  }
  const dash = await get(s, '/dashboard', 'text/html');
  assert.equal(dash.status, 200);
  // A copied child is found by name.
  const child = list.items[0].child_name;
  const found = (await get(s, `/api/cases?q=${encodeURIComponent(child.split(' ')[1])}`)).json;
  assert.ok(found.items.some((c) => c.child_name === child), `searching for ${child}`);
});
