-- 001: the case and every stage of it.
-- Written in the SQL both SQLite and PostgreSQL accept: TEXT ids (random
-- 128-bit, hex), TEXT timestamps (ISO 8601, UTC, "YYYY-MM-DDTHH:MM:SSZ"),
-- TEXT dates ("YYYY-MM-DD"), INTEGER 0/1 flags.

CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE counters (
	name TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);

CREATE TABLE bank_holidays (
	nation TEXT NOT NULL,
	day TEXT NOT NULL,
	title TEXT NOT NULL,
	PRIMARY KEY (nation, day)
);

-- Staff. Sign-in (passwords, sessions) arrives with its own migration.
CREATE TABLE users (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	email TEXT NOT NULL UNIQUE,
	active INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL
);

CREATE TABLE user_roles (
	user_id TEXT NOT NULL REFERENCES users(id),
	role TEXT NOT NULL,
	PRIMARY KEY (user_id, role)
);

CREATE TABLE cases (
	id TEXT PRIMARY KEY,
	reference TEXT NOT NULL UNIQUE,
	stage TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	-- the child the meeting is about
	child_name TEXT NOT NULL,
	child_name_folded TEXT NOT NULL,
	child_dob TEXT,
	-- the referrer
	referrer_name TEXT NOT NULL,
	referrer_role TEXT NOT NULL,
	referrer_organisation TEXT NOT NULL,
	referrer_email TEXT,
	referrer_phone TEXT,
	-- the consultation session and its seven questions
	consultation_at TEXT NOT NULL,
	family_details TEXT NOT NULL,
	benefit TEXT NOT NULL,
	strengths TEXT NOT NULL,
	referral_reason TEXT NOT NULL,
	questions TEXT NOT NULL,
	bottom_lines TEXT NOT NULL,
	risks TEXT NOT NULL,
	reason_category TEXT NOT NULL,
	-- emergency request: a service manager decides
	emergency INTEGER NOT NULL DEFAULT 0,
	emergency_reason TEXT,
	emergency_decision TEXT,
	emergency_decided_by TEXT REFERENCES users(id),
	emergency_decided_at TEXT,
	emergency_decision_note TEXT,
	-- screening
	screened_at TEXT,
	screened_by TEXT REFERENCES users(id),
	not_isolated_asylum INTEGER,
	not_sharing_refused INTEGER,
	not_prefers_other_route INTEGER,
	not_violence_unmanageable INTEGER,
	flag_intergenerational_abuse INTEGER,
	flag_section_47 INTEGER,
	flag_violence_at_meeting INTEGER,
	flag_carer_impaired INTEGER,
	screening_notes TEXT,
	-- allocation and first contact
	coordinator_id TEXT REFERENCES users(id),
	allocated_at TEXT,
	allocated_by TEXT REFERENCES users(id),
	first_contact_at TEXT,
	first_contact_with TEXT,
	first_contact_method TEXT,
	first_contact_notes TEXT,
	-- preparation
	child_wants_to_attend TEXT,
	child_contribution TEXT,
	child_wishes TEXT,
	child_words TEXT,
	advocate_offered INTEGER,
	advocate_accepted INTEGER,
	advocate_name TEXT,
	guardian_informed INTEGER,
	guardian_sent_procedure INTEGER,
	interpreter_needed INTEGER,
	interpreter_language TEXT,
	cultural_needs TEXT,
	access_needs TEXT,
	-- when no safe plan is agreed
	no_agreement_choice TEXT,
	no_agreement_note TEXT,
	no_agreement_at TEXT,
	-- distribution
	plan_distributed_at TEXT,
	-- closure
	closed_at TEXT,
	closure_reason TEXT,
	closure_summary TEXT,
	closed_by TEXT REFERENCES users(id)
);
CREATE INDEX cases_stage ON cases(stage);
CREATE INDEX cases_coordinator ON cases(coordinator_id);
CREATE INDEX cases_child_name ON cases(child_name_folded);

-- The people of a case: enough for consent, invitations and distribution.
CREATE TABLE case_people (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	name TEXT NOT NULL,
	role TEXT NOT NULL,
	relationship TEXT,
	parental_responsibility INTEGER NOT NULL DEFAULT 0,
	email TEXT,
	phone TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX case_people_case ON case_people(case_id);

CREATE TABLE consents (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES case_people(id),
	to_meeting INTEGER NOT NULL,
	to_sharing INTEGER NOT NULL,
	method TEXT NOT NULL,
	given_at TEXT NOT NULL,
	recorded_by TEXT NOT NULL REFERENCES users(id),
	recorded_at TEXT NOT NULL,
	notes TEXT
);
CREATE INDEX consents_case ON consents(case_id);

-- Family meetings and review meetings.
CREATE TABLE meetings (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	kind TEXT NOT NULL,
	scheduled_at TEXT NOT NULL,
	venue TEXT,
	online_link TEXT,
	held_at TEXT,
	information_sharing TEXT,
	private_family_time TEXT,
	agreeing_the_plan TEXT,
	outcome TEXT,
	outstanding_issues TEXT,
	new_issues TEXT,
	further_reviews TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX meetings_case ON meetings(case_id);

CREATE TABLE attendance (
	id TEXT PRIMARY KEY,
	meeting_id TEXT NOT NULL REFERENCES meetings(id),
	person_id TEXT REFERENCES case_people(id),
	name TEXT NOT NULL,
	role TEXT NOT NULL,
	attended INTEGER NOT NULL
);
CREATE INDEX attendance_meeting ON attendance(meeting_id);

-- The family plan, one row per version: a review writes a new version and
-- leaves the earlier ones as they were.
CREATE TABLE plans (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	version INTEGER NOT NULL,
	meeting_id TEXT NOT NULL REFERENCES meetings(id),
	monitoring TEXT NOT NULL,
	monitored_by TEXT NOT NULL,
	contingency TEXT NOT NULL,
	review_date TEXT,
	referrer_decision TEXT,
	referrer_reason TEXT,
	referrer_decided_at TEXT,
	validated_by TEXT REFERENCES users(id),
	validated_at TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (case_id, version)
);

CREATE TABLE plan_items (
	id TEXT PRIMARY KEY,
	plan_id TEXT NOT NULL REFERENCES plans(id),
	position INTEGER NOT NULL,
	concern TEXT NOT NULL,
	action TEXT NOT NULL,
	who TEXT NOT NULL,
	by_when TEXT NOT NULL,
	support TEXT,
	review_status TEXT,
	review_note TEXT,
	previous_item_id TEXT REFERENCES plan_items(id)
);
CREATE INDEX plan_items_plan ON plan_items(plan_id);

CREATE TABLE distributions (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	plan_id TEXT NOT NULL REFERENCES plans(id),
	person_id TEXT REFERENCES case_people(id),
	recipient TEXT NOT NULL,
	method TEXT NOT NULL,
	sent_at TEXT NOT NULL,
	recorded_at TEXT NOT NULL
);
CREATE INDEX distributions_case ON distributions(case_id);

CREATE TABLE closure_notifications (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	recipient TEXT NOT NULL,
	recipient_kind TEXT NOT NULL,
	method TEXT NOT NULL,
	sent_at TEXT NOT NULL
);
CREATE INDEX closure_notifications_case ON closure_notifications(case_id);

CREATE TABLE evaluations (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	respondent_kind TEXT NOT NULL,
	person_id TEXT REFERENCES case_people(id),
	respondent_name TEXT NOT NULL,
	answers TEXT NOT NULL,
	comments TEXT,
	recorded_at TEXT NOT NULL
);
CREATE INDEX evaluations_case ON evaluations(case_id);

-- What happened on a case, in order: the timeline.
CREATE TABLE case_events (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	at TEXT NOT NULL,
	action TEXT NOT NULL,
	summary TEXT NOT NULL,
	actor_id TEXT REFERENCES users(id)
);
CREATE INDEX case_events_case ON case_events(case_id, at);
