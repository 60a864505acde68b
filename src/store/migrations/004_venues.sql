-- 004_venues.sql — the managed list of places family meetings are held:
-- neutral places such as church halls and children's centres, with what a
-- family needs to know to get there and in. A venue is retired, never
-- deleted, so meetings held there keep their record.
CREATE TABLE venues (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL UNIQUE,
	address TEXT,
	access_notes TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
