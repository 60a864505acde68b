// Serving HTTPS itself (--tls-cert, --tls-key): HSTS, the __Host- cookie
// with Secure, and an https Origin for CSRF. Starts a second server on the
// same database with a throwaway self-signed certificate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, DEMO, DEMO_PASSWORD } from './lib.mjs';

const DB = process.env.HEARTH_DB ?? 'sqlite:var/hearth.db';
let dir, cert, key, ca, server, port, log = '';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address();
      s.close(() => resolve(p));
    });
  });
}

// One HTTPS request to the TLS server; answers { status, headers, json, text }.
function https(method, path, { body, headers = {} } = {}) {
  const data = body === undefined ? undefined : JSON.stringify(body);
  const h = { accept: 'application/json', ...headers };
  if (data !== undefined) {
    h['content-type'] = 'application/json';
    h['content-length'] = Buffer.byteLength(data);
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: h, ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: res.headers, json, text });
      });
    });
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hearth-tls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  ca = readFileSync(cert);
  port = await freePort();
  server = spawn(BIN, ['serve', '--db', DB, '--listen', `127.0.0.1:${port}`, '--threads', '2', '--tls-cert', cert, '--tls-key', key],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.setEncoding('utf8');
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (d) => { log += d; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the TLS server did not start: ${log}`)), 15000);
    server.stdout.on('data', (d) => {
      log += d;
      if (log.includes('hearth is ready at https://')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the TLS server exited with ${code}: ${log}`));
    });
  });
  assert.match(log, new RegExp(`hearth is ready at https://127\\.0\\.0\\.1:${port}/`));
});

after(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
    server.kill('SIGTERM');
    const { code, signal } = await exited;
    assert.equal(signal, null, log);
    assert.equal(code, 0, `the TLS server stops cleanly on SIGTERM: ${log}`);
    assert.doesNotMatch(log, /ERROR: (Address|Leak)Sanitizer|runtime error:/);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('over TLS every answer carries Strict-Transport-Security', async () => {
  for (const [path, status] of [['/health', 200], ['/api/cases', 401], ['/api/nothing-here', 404]]) {
    const r = await https('GET', path);
    assert.equal(r.status, status, `${path}: ${r.text}`);
    assert.match(r.headers['strict-transport-security'] ?? '', /max-age=\d{7,}/, path);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['cache-control'], 'no-store');
  }
});

test('over TLS the session cookie is __Host- and Secure, and CSRF wants an https Origin', async () => {
  const r = await https('POST', '/api/session', { body: { email: DEMO.referrer, password: DEMO_PASSWORD } });
  assert.equal(r.status, 201, r.text);
  const set = [].concat(r.headers['set-cookie'] ?? []);
  assert.equal(set.length, 1, JSON.stringify(set));
  const [pair, ...attrs] = set[0].split(';').map((a) => a.trim());
  assert.match(pair, /^__Host-hearth_session=[A-Za-z0-9_-]{43}$/);
  const lower = attrs.map((a) => a.toLowerCase());
  for (const want of ['secure', 'httponly', 'samesite=lax', 'path=/']) assert.ok(lower.includes(want), `${want} in ${set[0]}`);
  assert.ok(!lower.some((a) => a.startsWith('domain=')), '__Host- cookies have no Domain');
  const csrf = r.json.csrf_token;

  const me = await https('GET', '/api/session', { headers: { cookie: pair } });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.user.email, DEMO.referrer);
  // The plain name is not read over TLS.
  const plain = await https('GET', '/api/session', { headers: { cookie: pair.replace('__Host-', '') } });
  assert.equal(plain.status, 401);

  const httpOrigin = await https('DELETE', '/api/session', { headers: { cookie: pair, 'x-csrf-token': csrf, origin: `http://127.0.0.1:${port}` } });
  assert.equal(httpOrigin.status, 403, 'http is another origin than https: ' + httpOrigin.text);
  const out = await https('DELETE', '/api/session', { headers: { cookie: pair, 'x-csrf-token': csrf, origin: `https://127.0.0.1:${port}` } });
  assert.equal(out.status, 200, out.text);
  const cleared = [].concat(out.headers['set-cookie'] ?? [])[0] ?? '';
  assert.match(cleared, /^__Host-hearth_session=;/);
  assert.match(cleared, /Secure/);
  assert.match(cleared, /Max-Age=0/);
  assert.equal((await https('GET', '/api/session', { headers: { cookie: pair } })).status, 401);
});

test('serve refuses a certificate without its key, and the reverse', () => {
  for (const args of [['--tls-cert', cert], ['--tls-key', key]]) {
    const r = spawnSync(BIN, ['serve', '--db', DB, '--listen', '127.0.0.1:1', ...args], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 2, `${args[0]} alone: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /give both --tls-cert and --tls-key/);
  }
});
