-- 002: who may sign in, how, and what they did.
-- Teams own cases; a team manager manages the cases of their team. Secrets
-- are never stored as given: passwords as Argon2id hashes, session and API
-- tokens as SHA-256 hashes.

CREATE TABLE teams (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);

ALTER TABLE users ADD COLUMN team_id TEXT REFERENCES teams(id);
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN password_changed_at TEXT;
-- TOTP (RFC 6238): the enrolled secret (base32), one being enrolled, and
-- the last time step accepted, so no code is used twice.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN disabled_at TEXT;

ALTER TABLE cases ADD COLUMN team_id TEXT REFERENCES teams(id);
ALTER TABLE cases ADD COLUMN referrer_user_id TEXT REFERENCES users(id);
CREATE INDEX cases_team ON cases(team_id);
CREATE INDEX cases_referrer_user ON cases(referrer_user_id);

-- Server-side sessions, shared by every app server on the database.
CREATE TABLE sessions (
	id TEXT PRIMARY KEY,              -- public id, for "your sessions"
	token_hash TEXT NOT NULL UNIQUE,  -- SHA-256 of the cookie's token
	user_id TEXT NOT NULL REFERENCES users(id),
	csrf_token TEXT NOT NULL,
	second_factor TEXT NOT NULL,      -- done | code (awaiting a code) | enrol (must enrol first)
	created_at TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	address TEXT NOT NULL,
	user_agent TEXT NOT NULL,
	ended_at TEXT,
	ended_reason TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed sign-ins, by key ("account:<email>" or "address:<ip>"), for throttling.
CREATE TABLE signin_failures (
	key TEXT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX signin_failures_key ON signin_failures(key, at);

-- Bearer tokens for integrations, limited to some of the user's roles.
CREATE TABLE api_tokens (
	id TEXT PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	user_id TEXT NOT NULL REFERENCES users(id),
	name TEXT NOT NULL,
	roles TEXT NOT NULL,              -- space-separated
	created_at TEXT NOT NULL,
	created_by TEXT REFERENCES users(id),
	last_used_at TEXT,
	revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- A manager's access to a case outside their team, with the reason given;
-- it lasts as long as the session.
CREATE TABLE break_glass (
	session_id TEXT NOT NULL REFERENCES sessions(id),
	case_id TEXT NOT NULL REFERENCES cases(id),
	reason TEXT NOT NULL,
	granted_at TEXT NOT NULL,
	PRIMARY KEY (session_id, case_id)
);

-- The audit trail: append-only (see 003), each record chained to the one
-- before by hash. seq has no gaps.
CREATE TABLE audit_log (
	seq BIGINT PRIMARY KEY,
	at TEXT NOT NULL,                 -- UTC, to the second
	user_id TEXT,                     -- NULL for the command line
	role TEXT,                        -- the role the access was granted through
	session TEXT,                     -- session token hash, "token:<id>" or "cli"
	action TEXT NOT NULL,             -- the route's action, or a security event
	object TEXT NOT NULL,             -- case, cases, user, session, ...
	object_id TEXT,
	case_id TEXT,
	fields TEXT,                      -- names of fields changed, never values
	outcome TEXT NOT NULL,            -- ok | denied | refused | failed
	break_glass TEXT,                 -- the reason, when access was by break-glass
	address TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_case ON audit_log(case_id, seq);
CREATE INDEX audit_user ON audit_log(user_id, seq);
