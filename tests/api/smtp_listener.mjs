// smtp_listener.mjs — a real SMTP server on loopback for the tests, and a
// reader for the MIME messages it receives.
//
// It speaks enough of RFC 5321 for libcurl (EHLO, MAIL, RCPT, DATA, RSET,
// QUIT), offers no STARTTLS, and keeps each message it accepted. A message
// counts as delivered only once the listener has answered 250 to its data:
// `hold` keeps that answer back (so a test can kill the sender mid-send),
// `tempFail` answers the next N messages 451, `refuse` answers 550 to
// recipients it matches.
import { createServer } from 'node:net';

export async function startSmtp() {
  const smtp = {
    messages: [],   // { from, to, raw, mail }
    dropped: 0,     // messages whose sender went away before our 250
    droppedRaw: [],
    hold: false,
    tempFail: 0,
    refuse: () => false,
    held: [],       // callbacks that send the held 250s
    release() { const h = this.held; this.held = []; h.forEach((f) => f()); },
    waiting: [],
    live: new Set(), // open connections, each with the time it opened
  };
  const notify = () => { for (const w of [...smtp.waiting]) w(); };
  const server = createServer((sock) => {
    sock.setEncoding('latin1'); // bytes as they are: the message is 7-bit anyway
    let buf = '', from = null, to = [], data = null, closed = false;
    const conn = { since: Date.now() };
    smtp.live.add(conn);
    const say = (line) => { if (!closed) sock.write(line + '\r\n'); };
    sock.on('close', () => { closed = true; smtp.live.delete(conn); notify(); });
    sock.on('error', () => { closed = true; });
    say('220 hearth-test ESMTP');
    sock.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data !== null) {
          if (line !== '.') { data.push(line.startsWith('..') ? line.slice(1) : line); continue; }
          const raw = data.join('\r\n') + '\r\n';
          data = null;
          const msg = { from, to: [...to], raw };
          from = null; to = [];
          if (smtp.tempFail > 0) { smtp.tempFail--; say('451 4.3.0 try again later'); continue; }
          const accept = () => {
            if (closed) { smtp.dropped++; smtp.droppedRaw.push(msg.raw); notify(); return; }
            say('250 2.0.0 queued');
            msg.mail = parseMail(msg.raw);
            smtp.messages.push(msg);
            notify();
          };
          // A test that kills the sender waits for `gone()` before releasing,
          // so the sender's going is seen before the 250 would be sent.
          accept.gone = () => closed;
          if (smtp.hold) { smtp.held.push(accept); notify(); } else accept();
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250-hearth-test\r\n250 8BITMIME');
        else if (verb === 'MAIL') { from = /<([^>]*)>/.exec(line)?.[1] ?? ''; say('250 2.1.0 ok'); }
        else if (verb === 'RCPT') {
          const r = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (smtp.refuse(r)) say('550 5.1.1 no such mailbox');
          else { to.push(r); say('250 2.1.5 ok'); }
        } else if (verb === 'DATA') { data = []; say('354 go ahead'); }
        else if (verb === 'RSET') { from = null; to = []; say('250 ok'); }
        else if (verb === 'QUIT') { say('221 bye'); sock.end(); }
        else if (verb === 'NOOP') say('250 ok');
        else say('502 5.5.2 not implemented');
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtp.port = server.address().port;
  smtp.url = `smtp://127.0.0.1:${smtp.port}`;
  smtp.close = () => new Promise((resolve) => server.close(resolve));
  // Resolves once `pred(smtp)` holds, checking after each event; rejects after `ms`.
  smtp.until = (pred, ms = 20000) => new Promise((resolve, reject) => {
    const check = () => {
      if (!pred(smtp)) return;
      smtp.waiting = smtp.waiting.filter((w) => w !== check);
      clearTimeout(timer);
      resolve(smtp);
    };
    const timer = setTimeout(() => {
      smtp.waiting = smtp.waiting.filter((w) => w !== check);
      reject(new Error(`SMTP listener: condition not met in ${ms} ms (${smtp.messages.length} messages)`));
    }, ms);
    smtp.waiting.push(check);
    check();
  });
  return smtp;
}

function decodeQP(s) {
  const bytes = [];
  const text = s.replace(/=\r\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(s) {
  return s.replace(/\r\n /g, ' ').replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
}

function headersOf(block) {
  const h = {};
  for (const line of block.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) h[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return h;
}

function body(headers, content) {
  const enc = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(content.replace(/\r\n/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return decodeQP(content);
  return content;
}

// { headers, text, parts: [{ headers, content }] } of a raw message.
export function parseMail(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const headers = headersOf(raw.slice(0, split));
  const rest = raw.slice(split + 4);
  const boundary = /boundary="([^"]+)"/.exec(headers['content-type'] ?? '')?.[1];
  const parts = [];
  if (boundary) {
    for (const chunk of rest.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const c = chunk.replace(/^\r\n/, '');
      const s = c.indexOf('\r\n\r\n');
      const ph = headersOf(c.slice(0, s));
      const raw = c.slice(s + 4);
      const base64 = (ph['content-transfer-encoding'] ?? '').toLowerCase() === 'base64';
      // `bytes` for a binary attachment (a PDF), which is no UTF-8 text.
      parts.push({ headers: ph, content: body(ph, raw), bytes: base64 ? Buffer.from(raw.replace(/\r\n/g, ''), 'base64') : undefined });
    }
  } else {
    parts.push({ headers, content: body(headers, rest) });
  }
  const text = parts.find((p) => (p.headers['content-type'] ?? '').startsWith('text/plain'))?.content ?? '';
  const ics = parts.find((p) => (p.headers['content-type'] ?? '').startsWith('text/calendar'));
  return { headers, text, parts, ics: ics?.content, icsType: ics?.headers['content-type'] };
}
