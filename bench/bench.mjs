// bench.mjs — hearth under load, against nginx, in one run (`make bench`).
//
// For each database (SQLite, then PostgreSQL) it loads N cases with
// `hearth demo --cases N`, starts hearth, times its cold start to the first
// answer, signs in as real users and drives signed-in, audited requests
// with wrk at 64 connections. In the same run nginx serves a small static
// file on loopback: every figure is also given as a ratio to it, so runs on
// different machines compare. Prints a Markdown table (and writes it to
// bench/results/latest.md). Never a pass/fail on time: the numbers are read.
//
//   node bench/bench.mjs [--cases N] [--db sqlite,postgresql] [--seconds S]
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BIN = process.env.HEARTH_BIN ?? path.join(ROOT, 'build/hearth');
const WORK = path.join(ROOT, 'bench/work');
const PASSWORD = 'hearth-demo-2026';
const CONNECTIONS = 64;

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const CASES = Number(opt('--cases', process.env.BENCH_CASES ?? 100000));
const SECONDS = Number(opt('--seconds', process.env.BENCH_SECONDS ?? 10));
const KINDS = opt('--db', process.env.BENCH_DB ?? 'sqlite,postgresql').split(',');

function log(...a) { console.error('bench:', ...a); }

// ---- processes ----

function run(cmd, argv, { env } = {}) {
  return execFileSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
}

async function waitFor(url, ms = 20000) {
  const start = Date.now();
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch { /* not yet */ }
    if (Date.now() - start > ms) throw new Error(`${url} did not answer within ${ms} ms`);
    await sleep(1);
  }
}

// Starts hearth and measures spawn-to-first-answer, polling /health every
// millisecond or so.
async function startHearth(db, port) {
  const t0 = process.hrtime.bigint();
  const child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  // Our server answers, or the run stops: never measure something else
  // that happens to hold the port.
  const died = new Promise((_, reject) => child.once('exit', (code) =>
    reject(new Error(`hearth exited ${code} before answering: ${stderr.slice(-2000)}`))));
  await Promise.race([waitFor(`http://127.0.0.1:${port}/health`), died]);
  child.removeAllListeners('exit');
  const coldMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return { child, coldMs };
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await Promise.race([done, sleep(30000).then(() => child.kill('SIGKILL'))]);
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]);
  return kb / 1024;
}

// ---- nginx, the reference ----

async function startNginx(port) {
  const dir = path.join(WORK, 'nginx');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'www'), { recursive: true });
  // About the size of a short hearth page's head: small and static.
  writeFileSync(path.join(dir, 'www/index.html'), '<!doctype html><title>static</title>' + 'x'.repeat(1000) + '\n');
  const user = process.getuid() === 0 ? 'user root;\n' : '';
  writeFileSync(path.join(dir, 'nginx.conf'), `${user}worker_processes ${os.cpus().length};
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp;
  proxy_temp_path ${dir}/tmp;
  fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp;
  scgi_temp_path ${dir}/tmp;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
  }
}
`);
  const child = spawn('/usr/sbin/nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
  await waitFor(`http://127.0.0.1:${port}/index.html`);
  return child;
}

// ---- wrk ----

// Runs wrk with a Lua script that sends `requests` in turn (each
// {method, path, headers, body}); returns requests/s, p50 and p99 in ms.
function wrk(port, requests, label) {
  const lua = path.join(WORK, `${label.replace(/\W+/g, '_')}.lua`);
  const q = (s) => JSON.stringify(s); // a JSON string is a valid Lua string here
  const reqs = requests.map((r) => {
    const headers = Object.entries(r.headers ?? {}).map(([k, v]) => `[${q(k)}]=${q(v)}`).join(',');
    return `wrk.format(${q(r.method ?? 'GET')}, ${q(r.path)}, {${headers}}, ${r.body ? q(r.body) : 'nil'})`;
  });
  // Built in init(): only then does wrk.format know the Host header.
  writeFileSync(lua, `local reqs, i = {}, 0
init = function(args)
  reqs = {${reqs.join(',\n')}}
end
request = function() i = i % #reqs + 1; return reqs[i] end
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %.3f %.3f\\n", summary.requests, summary.errors.status,
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
`);
  // A 30 s timeout: a slow endpoint is measured, not dropped as timed out.
  const out = run('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--timeout', '30s', '--latency', '-s', lua,
    `http://127.0.0.1:${port}/`]);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]);
  const m = /BENCH (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)/.exec(out);
  const result = { label, rps, requests: Number(m[1]), errors: Number(m[2]) + Number(m[3]), p50: Number(m[4]), p99: Number(m[5]) };
  if (result.errors > 0) log(`${label}: ${m[2]} answers were 400 or above and ${m[3]} timed out (see ${lua})`);
  log(`${label}: ${rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
  return result;
}

// ---- hearth's side ----

async function signIn(port, email) {
  const res = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const json = await res.json();
  if (res.status !== 201) throw new Error(`sign-in as ${email}: ${res.status} ${JSON.stringify(json)}`);
  return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: json.csrf_token, user: json.user };
}

async function getJson(port, s, p) {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers: { cookie: s.cookie, accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${p}: ${res.status}`);
  return res.json();
}

// Loads the database unless an earlier run left one with the same number
// of cases (bench/work is kept between runs for that reason).
function load(kind, db) {
  const stamp = path.join(WORK, `${kind}.loaded`);
  if (kind === 'sqlite' && existsSync(stamp) && readFileSync(stamp, 'utf8') === String(CASES)) {
    run(BIN, ['migrate', '--db', db]); // an earlier run's database may predate a migration
    log(`sqlite: reusing the ${CASES} cases loaded by an earlier run`);
    return null;
  }
  if (kind === 'sqlite') // another number of cases: start again
    for (const f of ['hearth.db', 'hearth.db-wal', 'hearth.db-shm', 'sqlite.loaded']) rmSync(path.join(WORK, f), { force: true });
  const t0 = Date.now();
  run(BIN, ['migrate', '--db', db]);
  run(BIN, ['demo', '--db', db, '--cases', String(CASES)]);
  const secs = (Date.now() - t0) / 1000;
  if (kind === 'sqlite') writeFileSync(stamp, String(CASES));
  log(`${kind}: loaded ${CASES} cases in ${secs.toFixed(0)} s`);
  return secs;
}

async function measureHearth(kind, db, port, reference) {
  const loadSecs = load(kind, db);
  const { child, coldMs } = await startHearth(db, port);
  try {
    // A coordinator of one of the generated teams (about 500 cases, a
    // caseload of their own), and the service manager, who sees them all.
    const coord = await signIn(port, 'coordinator.1.team1@example.org');
    const manager = await signIn(port, 'yusuf.ahmed@example.org');
    const page = (s) => ({ cookie: s.cookie, accept: 'text/html' });
    const json = (s) => ({ cookie: s.cookie, accept: 'application/json' });

    const list = await getJson(port, coord, '/api/cases?per_page=100');
    const ids = list.items.map((c) => c.id);
    const open = (await getJson(port, coord, '/api/cases?open=true&per_page=100')).items.map((c) => c.id);
    if (ids.length < 10 || open.length < 2) throw new Error(`the coordinator sees ${ids.length} cases, ${open.length} open`);

    // Writes: a relative's phone number changed, on the open cases.
    const writes = [];
    for (const id of open) {
      const c = await getJson(port, coord, `/api/cases/${id}`);
      const p = c.people.find((x) => !x.subject && !x.parental_responsibility && x.role !== 'professional');
      if (!p) continue;
      for (let n = 0; n < 20; n++) {
        const body = { name: p.name, gender: p.gender, role: p.role, relationship: p.relationship ?? undefined,
          parental_responsibility: false, phone: `07700 900${String(100 + n).padStart(3, '0')}` };
        if (p.deceased) Object.assign(body, { deceased: true, death_year: p.death_year });
        else if (p.approx_age) body.approx_age = p.approx_age;
        else if (p.dob) body.dob = p.dob;
        writes.push({ method: 'PUT', path: `/api/cases/${id}/people/${p.id}`, body: JSON.stringify(body),
          headers: { ...json(coord), 'content-type': 'application/json', 'x-csrf-token': coord.csrf } });
      }
    }
    const names = ['smith', 'khan', 'amelia', 'nowak', 'oliver', 'jones', 'patel', 'murphy'];
    const rows = [];
    const add = (label, reqs) => {
      const r = wrk(port, reqs, `${kind} ${label}`);
      r.ratio = r.rps / reference.rps;
      rows.push(r);
    };
    add('dashboard page (coordinator)', [{ path: '/dashboard', headers: page(coord) }]);
    add('case overview page', ids.map((id) => ({ path: `/cases/${id}`, headers: page(coord) })));
    add('case list, open cases, page', [{ path: '/cases?open=true', headers: page(coord) }]);
    add('case list searched (all cases)', names.map((n) => ({ path: `/cases?q=${n}`, headers: page(manager) })));
    add('case read, JSON', ids.map((id) => ({ path: `/api/cases/${id}`, headers: json(coord) })));
    add('audited write (change a person)', writes);
    add('dashboard page (service manager, all cases)', [{ path: '/dashboard', headers: page(manager) }]);
    const rss = peakRssMb(child.pid);
    return { kind, loadSecs, coldMs, rss, rows };
  } finally {
    await stop(child);
  }
}

// ---- the run ----

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
}

function table(reference, results) {
  const lines = [];
  lines.push(`hearth benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  lines.push(`machine: ${machine()}`);
  lines.push(`${CASES} cases; wrk -t2 -c${CONNECTIONS} -d${SECONDS}s on loopback; every hearth request signed in and audited`);
  lines.push('');
  lines.push('| database | endpoint | requests/s | p50 ms | p99 ms | × nginx |');
  lines.push('|---|---|---:|---:|---:|---:|');
  lines.push(`| — | nginx, 1 KB static file | ${reference.rps.toFixed(0)} | ${reference.p50} | ${reference.p99} | 1.00 |`);
  for (const res of results)
    for (const r of res.rows)
      lines.push(`| ${res.kind} | ${r.label.replace(`${res.kind} `, '')} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.ratio.toFixed(2)} |${r.errors ? ` (${r.errors} errors)` : ''}`);
  lines.push('');
  lines.push('| database | load N cases | cold start to first answer | peak RSS |');
  lines.push('|---|---:|---:|---:|');
  for (const res of results)
    lines.push(`| ${res.kind} | ${res.loadSecs === null ? 'reused' : `${res.loadSecs.toFixed(0)} s`} | ${res.coldMs.toFixed(0)} ms | ${res.rss.toFixed(0)} MB |`);
  return lines.join('\n');
}

mkdirSync(WORK, { recursive: true });
// Ports nothing else holds, asked of the kernel.
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}
const NGINX_PORT = await freePort(), HEARTH_PORT = await freePort();
const nginx = await startNginx(NGINX_PORT);
let reference;
try {
  reference = wrk(NGINX_PORT, [{ path: '/index.html' }], 'nginx static file');
} finally {
  nginx.kill('SIGQUIT');
}
const results = [];
for (const kind of KINDS) {
  if (kind === 'sqlite') {
    results.push(await measureHearth(kind, `sqlite:${WORK}/hearth.db`, HEARTH_PORT, reference));
  } else if (kind === 'postgresql') {
    const dir = path.join('/tmp', `hearth-bench-pg-${process.pid}`);
    const url = run(path.join(ROOT, 'tests/pg-cluster.sh'), ['start', dir], { env: { HEARTH_PG_DURABLE: '1' } }).trim();
    try {
      results.push(await measureHearth(kind, url, HEARTH_PORT, reference));
    } finally {
      run(path.join(ROOT, 'tests/pg-cluster.sh'), ['stop', dir]);
    }
  } else {
    throw new Error(`unknown database ${kind}: use sqlite or postgresql`);
  }
}
const text = table(reference, results);
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/latest.md'), text + '\n');
console.log(text);
