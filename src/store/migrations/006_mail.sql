-- Issue 6: the mail outbox, invitations' calendar sequence, the meeting
-- record's parts and times, and what the agencies shared.

-- Every e-mail hearth sends is written here first, in the transaction of
-- the change that caused it, and sent by the mail worker (src/mail/). The
-- message is stored whole (headers included) so a retry sends the same
-- bytes with the same Message-ID.
CREATE TABLE outbox (
	id TEXT PRIMARY KEY,
	case_id TEXT REFERENCES cases(id),
	meeting_id TEXT REFERENCES meetings(id),
	member_id TEXT REFERENCES case_people(id),
	kind TEXT NOT NULL,
	recipient_name TEXT NOT NULL,
	recipient_email TEXT NOT NULL,
	subject TEXT NOT NULL,
	message_id TEXT NOT NULL UNIQUE,
	message TEXT NOT NULL,
	state TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL,
	last_error TEXT,
	created_at TEXT NOT NULL,
	sent_at TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_case ON outbox(case_id);
CREATE INDEX outbox_meeting ON outbox(meeting_id, member_id);

-- A meeting's invitation is one calendar event: rearranging it sends the
-- same UID with the next SEQUENCE; cancelling it sends METHOD:CANCEL.
ALTER TABLE meetings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN cancelled_at TEXT;
ALTER TABLE meetings ADD COLUMN cancel_reason TEXT;
-- The three parts of the meeting with their times (London time, HH:MM).
ALTER TABLE meetings ADD COLUMN sharing_from TEXT;
ALTER TABLE meetings ADD COLUMN sharing_to TEXT;
ALTER TABLE meetings ADD COLUMN private_from TEXT;
ALTER TABLE meetings ADD COLUMN private_to TEXT;
ALTER TABLE meetings ADD COLUMN plan_from TEXT;
ALTER TABLE meetings ADD COLUMN plan_to TEXT;
-- What each agency shared: [{"agency": ..., "shared": ...}] as JSON.
ALTER TABLE meetings ADD COLUMN agencies_shared TEXT;
-- The bottom lines restated to the family at the meeting.
ALTER TABLE meetings ADD COLUMN bottom_lines_restated INTEGER;
ALTER TABLE meetings ADD COLUMN bottom_lines_note TEXT;
