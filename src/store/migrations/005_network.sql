-- 005_network.sql — the family network.
--
-- A person is recorded once (`people`) and may belong to several cases
-- (siblings, a family that comes back): `case_people` becomes a person's
-- place on one case — their role, parental responsibility for that case's
-- child, and their invitation. Relationships and households are facts about
-- people, so every case they belong to sees them. The child the meeting is
-- about is on their own case as its subject.


CREATE TABLE households (
	id TEXT PRIMARY KEY,
	label TEXT NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE people (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	known_as TEXT,
	dob TEXT,
	approx_age INTEGER,
	gender TEXT NOT NULL DEFAULT 'unknown',
	pronouns TEXT,
	first_language TEXT,
	interpreter TEXT NOT NULL DEFAULT 'none',
	interpreter_language TEXT,
	religion_culture TEXT,
	accessibility TEXT,
	email TEXT,
	phone TEXT,
	address TEXT,
	address_confidential INTEGER NOT NULL DEFAULT 0,
	contact_restriction TEXT NOT NULL DEFAULT 'none',
	contact_restriction_note TEXT,
	deceased INTEGER NOT NULL DEFAULT 0,
	death_year INTEGER,
	household_id TEXT REFERENCES households(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX people_name ON people(name_folded);
CREATE INDEX people_household ON people(household_id);

-- Everyone already on a case becomes a person with the same id.
INSERT INTO people (id, name, name_folded, email, phone, created_at, updated_at)
	SELECT id, name, LOWER(name), email, phone, created_at, created_at FROM case_people;

ALTER TABLE case_people ADD COLUMN person_id TEXT REFERENCES people(id);
ALTER TABLE case_people ADD COLUMN subject INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_people ADD COLUMN invited INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_people ADD COLUMN invited_at TEXT;
ALTER TABLE case_people ADD COLUMN response TEXT;
ALTER TABLE case_people ADD COLUMN response_at TEXT;
ALTER TABLE case_people ADD COLUMN response_note TEXT;
UPDATE case_people SET person_id = id;
-- Booking recorded the child as the case's first person with the role "child".
UPDATE case_people SET subject = 1 WHERE id IN
	(SELECT MIN(p.id) FROM case_people p WHERE p.role = 'child' GROUP BY p.case_id);
UPDATE people SET dob = (SELECT c.child_dob FROM cases c JOIN case_people p ON p.case_id = c.id
	WHERE p.id = people.id AND p.subject = 1) WHERE id IN (SELECT id FROM case_people WHERE subject = 1);
ALTER TABLE case_people DROP COLUMN name;
ALTER TABLE case_people DROP COLUMN email;
ALTER TABLE case_people DROP COLUMN phone;
CREATE INDEX case_people_person ON case_people(person_id);

-- "a is the <kind> of b": parent_birth, partner_divorced, friend...
CREATE TABLE relationships (
	id TEXT PRIMARY KEY,
	person_a TEXT NOT NULL REFERENCES people(id),
	person_b TEXT NOT NULL REFERENCES people(id),
	kind TEXT NOT NULL,
	start_year INTEGER,
	end_year INTEGER,
	agency TEXT,
	professional_role TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX relationships_a ON relationships(person_a);
CREATE INDEX relationships_b ON relationships(person_b);

-- The coordinator's conversations with each invitee before the meeting.
CREATE TABLE conversations (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	member_id TEXT NOT NULL REFERENCES case_people(id),
	held_on TEXT NOT NULL,
	method TEXT NOT NULL,
	outcome TEXT NOT NULL,
	worries TEXT,
	recorded_by TEXT NOT NULL REFERENCES users(id),
	recorded_at TEXT NOT NULL
);
CREATE INDEX conversations_case ON conversations(case_id);

-- A decision that someone may not attend, for one of the procedure's five
-- reasons. Lifting it keeps the decision on record.
CREATE TABLE exclusions (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	member_id TEXT NOT NULL REFERENCES case_people(id),
	reason TEXT NOT NULL,
	rationale TEXT NOT NULL,
	decided_with TEXT,
	decided_by TEXT NOT NULL REFERENCES users(id),
	decided_at TEXT NOT NULL,
	lifted_at TEXT,
	lifted_by TEXT REFERENCES users(id),
	lift_reason TEXT
);
CREATE INDEX exclusions_case ON exclusions(case_id);

-- A solicitor requested by a family member, and how the coordinator
-- explained why solicitors are not part of the meeting.
ALTER TABLE cases ADD COLUMN solicitor_requested INTEGER;
ALTER TABLE cases ADD COLUMN solicitor_requested_by TEXT;
ALTER TABLE cases ADD COLUMN solicitor_explanation TEXT;

-- How the child's views reach the meeting: now several ways, a JSON list.
UPDATE cases SET child_contribution = '["' || child_contribution || '"]' WHERE child_contribution IS NOT NULL;
