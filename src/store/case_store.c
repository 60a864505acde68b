/* case_store.c — SQL for the cases table (case_store.h). */
#include "case_store.h"
#include "../domain/search.h"
#include "rowjson.h"
#include "visible_sql.h"
#include "../domain/datetime.h"
#include "../domain/form.h"
#include "../util/buf.h"
#include "../util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_COUNTER_BUMP[] =
	"INSERT INTO counters (name, value) VALUES ($1, CAST($2 AS INTEGER)) "
	"ON CONFLICT (name) DO UPDATE SET value = counters.value + CAST($2 AS INTEGER)";
static const char SQL_COUNTER_GET[] = "SELECT value FROM counters WHERE name = $1";

static const char SQL_INSERT[] =
	"INSERT INTO cases (id, reference, stage, created_at, updated_at, child_name, child_name_folded,"
	" child_dob, referrer_name, referrer_role, referrer_organisation, referrer_email, referrer_phone,"
	" consultation_at, family_details, benefit, strengths, referral_reason, questions, bottom_lines,"
	" risks, reason_category, emergency, emergency_reason, team_id, referrer_user_id)"
	" VALUES ($1, $2, 'consultation', $3, $3,"
	" $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)";

static const char SQL_UPDATE_CONSULTATION[] =
	"UPDATE cases SET child_name = $2, child_name_folded = $3, child_dob = $4, referrer_name = $5,"
	" referrer_role = $6, referrer_organisation = $7, referrer_email = $8, referrer_phone = $9,"
	" consultation_at = $10, family_details = $11, benefit = $12, strengths = $13,"
	" referral_reason = $14, questions = $15, bottom_lines = $16, risks = $17,"
	" reason_category = $18, emergency = $19, emergency_reason = $20 WHERE id = $1";

static const char SQL_GET[] =
	"SELECT c.*, u.name AS coordinator_name, u.email AS coordinator_email, a.name AS allocated_by_name,"
	" s.name AS screened_by_name, d.name AS emergency_decided_by_name, k.name AS closed_by_name,"
	" t.name AS team_name"
	" FROM cases c LEFT JOIN users u ON u.id = c.coordinator_id LEFT JOIN teams t ON t.id = c.team_id"
	" LEFT JOIN users a ON a.id = c.allocated_by LEFT JOIN users s ON s.id = c.screened_by"
	" LEFT JOIN users d ON d.id = c.emergency_decided_by LEFT JOIN users k ON k.id = c.closed_by"
	" WHERE c.id = $1";

static const char SQL_LOCK_PG[] = "SELECT id FROM cases WHERE id = $1 FOR UPDATE";
static const char SQL_FACTS[] =
	"SELECT stage, emergency, emergency_decision, consultation_at, allocated_at, first_contact_at,"
	" plan_distributed_at, no_agreement_choice, closed_at, screened_at FROM cases WHERE id = $1";
static const char SQL_FACTS_PR[] =
	"SELECT p.id, (SELECT c.to_meeting * c.to_sharing FROM consents c WHERE c.person_id = p.id"
	" ORDER BY c.id DESC LIMIT 1) AS ok"
	" FROM case_people p WHERE p.case_id = $1 AND p.parental_responsibility = 1";
static const char SQL_FACTS_MEETINGS[] =
	"SELECT m.id, m.kind, m.scheduled_at, m.held_at, m.outcome,"
	" (SELECT COUNT(*) FROM plans p WHERE p.meeting_id = m.id AND p.referrer_decision = 'refused') AS refused"
	" FROM meetings m WHERE m.case_id = $1 AND m.cancelled_at IS NULL ORDER BY m.id";
static const char SQL_FACTS_PLANS[] =
	"SELECT p.meeting_id, p.review_date, p.referrer_decision, p.validated_at,"
	" (SELECT COUNT(*) FROM distributions d WHERE d.plan_id = p.id) AS sent,"
	" (SELECT COUNT(*) FROM outbox o WHERE o.plan_id = p.id AND o.state IN ('queued', 'sending')) AS waiting"
	" FROM plans p WHERE p.case_id = $1 ORDER BY p.version";

static const char SQL_SET_STAGE[] = "UPDATE cases SET stage = $2, updated_at = $3 WHERE id = $1";
static const char SQL_SET_EMERGENCY[] =
	"UPDATE cases SET emergency_decision = $2, emergency_decided_by = $3, emergency_decided_at = $4,"
	" emergency_decision_note = $5 WHERE id = $1";
static const char SQL_SET_SCREENING[] =
	"UPDATE cases SET screened_at = $2, screened_by = $3, not_isolated_asylum = $4,"
	" not_sharing_refused = $5, not_prefers_other_route = $6, not_violence_unmanageable = $7,"
	" flag_intergenerational_abuse = $8, flag_section_47 = $9, flag_violence_at_meeting = $10,"
	" flag_carer_impaired = $11, screening_notes = $12 WHERE id = $1";
static const char SQL_SET_ALLOCATION[] =
	"UPDATE cases SET coordinator_id = $2, allocated_by = $3,"
	" team_id = COALESCE((SELECT team_id FROM users WHERE id = $2), team_id),"
	" allocated_at = COALESCE(allocated_at, $4) WHERE id = $1";
static const char SQL_SET_FIRST_CONTACT[] =
	"UPDATE cases SET first_contact_at = $2, first_contact_with = $3, first_contact_method = $4,"
	" first_contact_notes = $5 WHERE id = $1";
static const char SQL_SET_PREPARATION[] =
	"UPDATE cases SET child_wants_to_attend = $2, child_contribution = $3, child_wishes = $4,"
	" child_words = $5, advocate_offered = $6, advocate_accepted = $7, advocate_name = $8,"
	" guardian_informed = $9, guardian_sent_procedure = $10, interpreter_needed = $11,"
	" interpreter_language = $12, cultural_needs = $13, access_needs = $14, solicitor_requested = $15,"
	" solicitor_requested_by = $16, solicitor_explanation = $17 WHERE id = $1";
static const char SQL_SET_NO_AGREEMENT[] =
	"UPDATE cases SET no_agreement_choice = $2, no_agreement_note = $3, no_agreement_at = $4 WHERE id = $1";
static const char SQL_CLEAR_NO_AGREEMENT[] =
	"UPDATE cases SET no_agreement_choice = NULL, no_agreement_note = NULL, no_agreement_at = NULL WHERE id = $1";
static const char SQL_SET_DISTRIBUTED[] = "UPDATE cases SET plan_distributed_at = $2 WHERE id = $1";
static const char SQL_SET_CLOSED[] =
	"UPDATE cases SET closure_reason = $2, closure_summary = $3, closed_by = $4, closed_at = $5 WHERE id = $1";

/* The list's columns: each case's moments for its clocks. */
#define LIST_SELECT                                                                                   \
	"SELECT c.id, c.reference, c.child_name, c.stage, c.coordinator_id, u.name AS coordinator_name,"    \
	" c.consultation_at, c.emergency, c.emergency_decision, c.allocated_at, c.first_contact_at,"       \
	" c.plan_distributed_at, c.closed_at,"                                                             \
	" c.screened_at,"                                                                                  \
	" (SELECT MIN(m.held_at) FROM meetings m WHERE m.case_id = c.id AND m.kind = 'family') AS meeting_held_at," \
	" (SELECT m.held_at FROM meetings m WHERE m.case_id = c.id AND m.kind = 'family' AND m.held_at IS NOT NULL" \
	"  ORDER BY m.id DESC LIMIT 1) AS last_meeting_at,"                                                \
	" (SELECT m.outcome FROM meetings m WHERE m.case_id = c.id AND m.kind = 'family' AND m.held_at IS NOT NULL" \
	"  ORDER BY m.id DESC LIMIT 1) AS last_meeting_outcome,"                                           \
	" (SELECT COUNT(*) FROM meetings m JOIN plans p ON p.meeting_id = m.id WHERE m.case_id = c.id"      \
	"  AND p.referrer_decision = 'refused' AND m.id = (SELECT MAX(m2.id) FROM meetings m2"             \
	"  WHERE m2.case_id = c.id AND m2.kind = 'family' AND m2.held_at IS NOT NULL)) AS last_plan_refused," \
	" (SELECT MAX(m.held_at) FROM meetings m WHERE m.case_id = c.id AND m.kind = 'review') AS review_held_at," \
	" (SELECT COUNT(*) FROM meetings m WHERE m.case_id = c.id AND m.kind = 'review') AS reviews,"      \
	" (SELECT p.review_date FROM plans p WHERE p.case_id = c.id ORDER BY p.version DESC LIMIT 1) AS review_date" \
	" FROM cases c LEFT JOIN users u ON u.id = c.coordinator_id"
/* The filters; $4 is '1' for open cases only. */
#define LIST_WHERE                                                                                    \
	" WHERE (CAST($1 AS TEXT) IS NULL OR c.stage = $1)"                                                \
	" AND (CAST($2 AS TEXT) IS NULL OR c.coordinator_id = $2)"                                         \
	" AND ($4 = '0' OR c.stage NOT IN ('closed', 'not_accepted'))"
/* A search: its first word is a range of the search terms' index
 * ($10 to $11, migration 009), and its second and third ($3, $12; "%" when
 * absent) must appear in the name or reference of what that finds. It has
 * statements of its own: written as "$3 IS NULL OR …" it would make the
 * database read every case. */
#define LIST_TEXT                                                                                     \
	" AND c.id IN (SELECT case_id FROM case_terms WHERE term >= $10 AND term < $11)"                    \
	" AND (c.child_name_folded LIKE $3 ESCAPE '\\' OR LOWER(c.reference) LIKE $3 ESCAPE '\\')"         \
	" AND (c.child_name_folded LIKE $12 ESCAPE '\\' OR LOWER(c.reference) LIKE $12 ESCAPE '\\')"
/* Someone who sees every case gets SQL without the visibility rule, so
 * the database can walk the list's index in order and stop at the page. */
#define LIST_SEEN " AND " CASE_SEEN_SQL("$5", "$6", "$7")
#define LIST_PAGE " ORDER BY c.consultation_at DESC, c.id LIMIT CAST($8 AS INTEGER) OFFSET CAST($9 AS INTEGER)"
/* The page's cases are chosen first, from the cheap columns only; the
 * moments' sub-queries then run for those few rows, not for every match. */
#define LIST_OF(where) LIST_SELECT " WHERE c.id IN (SELECT c.id FROM cases c" where LIST_PAGE ")" \
	" ORDER BY c.consultation_at DESC, c.id"
static const char SQL_LIST_ALL[] = LIST_OF(LIST_WHERE);
static const char SQL_LIST_SEEN[] = LIST_OF(LIST_WHERE LIST_SEEN);
static const char SQL_FIND_ALL[] = LIST_OF(LIST_WHERE LIST_TEXT);
static const char SQL_FIND_SEEN[] = LIST_OF(LIST_WHERE LIST_TEXT LIST_SEEN);
static const char SQL_COUNT_ALL[] = "SELECT COUNT(*) AS n FROM cases c" LIST_WHERE;
static const char SQL_COUNT_SEEN[] = "SELECT COUNT(*) AS n FROM cases c" LIST_WHERE LIST_SEEN;
static const char SQL_COUNT_FIND_ALL[] = "SELECT COUNT(*) AS n FROM cases c" LIST_WHERE LIST_TEXT;
static const char SQL_COUNT_FIND_SEEN[] = "SELECT COUNT(*) AS n FROM cases c" LIST_WHERE LIST_TEXT LIST_SEEN;
/* A one-word search by someone who sees every case, with no other filter
 * (finding a family): the page and the count come from the terms' index
 * alone, newest booked first (ids are made in time order), so a common
 * surname does not read every match's row. */
static const char SQL_FIND_BY_TERM[] = LIST_SELECT
	" WHERE c.id IN (SELECT case_id FROM case_terms WHERE term >= $10 AND term < $11"
	" GROUP BY case_id ORDER BY case_id DESC LIMIT CAST($8 AS INTEGER) OFFSET CAST($9 AS INTEGER))"
	" ORDER BY c.id DESC";
static const char SQL_COUNT_BY_TERM[] =
	"SELECT COUNT(DISTINCT case_id) AS n FROM case_terms WHERE term >= $10 AND term < $11";
/* With no filter at all the count needs no row, only the smallest index. */
static const char SQL_COUNT_EVERY[] = "SELECT COUNT(*) AS n FROM cases";
/* The open cases (the dashboard): read through the stage index. */
#define OPEN_STAGES                                                                          \
	" WHERE c.stage IN ('consultation', 'consent', 'allocation', 'first_contact', 'preparation'," \
	" 'meeting', 'plan', 'no_agreement', 'distribution', 'monitoring', 'review')"
static const char SQL_OPEN_ALL[] = LIST_SELECT OPEN_STAGES " ORDER BY c.consultation_at DESC, c.id";
static const char SQL_OPEN_SEEN[] = LIST_SELECT OPEN_STAGES LIST_SEEN " ORDER BY c.consultation_at DESC, c.id";

static const char SQL_STAGE_COUNTS_ALL[] = "SELECT c.stage, COUNT(*) AS n FROM cases c GROUP BY c.stage";
static const char SQL_STAGE_COUNTS_SEEN[] =
	"SELECT c.stage, COUNT(*) AS n FROM cases c WHERE " CASE_SEEN_SQL("$1", "$2", "$3") " GROUP BY c.stage";
/* Consultations booked in [$1, $2), with whether the person may see each. */
static const char SQL_CONSULTATIONS[] =
	"SELECT c.id, c.reference, c.child_name, c.consultation_at, c.stage,"
	" CASE WHEN " CASE_VISIBLE_SQL("$3", "$4", "$5", "$6") " THEN 1 ELSE 0 END AS visible"
	" FROM cases c WHERE c.consultation_at >= $1 AND c.consultation_at < $2"
	" ORDER BY c.consultation_at, c.id";
static const char SQL_ACCESS[] = "SELECT coordinator_id, referrer_user_id, team_id FROM cases WHERE id = $1";

void case_fold(const char *in, char *out, size_t n)
{
	size_t i = 0;
	for (; in[i] && i + 1 < n; i++)
		out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] - 'A' + 'a') : in[i];
	out[i] = '\0';
	utf8_trim(out);
}

static const char *flag(const json_t *in, const char *name)
{
	return form_bool(in, name) ? "1" : "0";
}

int case_reserve_references(struct db *db, int year, long count, long *first, struct err *e)
{
	char name[32], by[24];
	snprintf(name, sizeof name, "case-reference-%d", year);
	snprintf(by, sizeof by, "%ld", count);
	struct db_result *r;
	if (db_exec(db, SQL_COUNTER_BUMP, DB_ARGS(name, by), NULL, e) != 0 ||
	    db_query(db, SQL_COUNTER_GET, DB_ARGS(name), &r, e) != 0)
		return -1;
	*first = strtol(db_cell(r, 0, 0), NULL, 10) - count + 1;
	db_result_free(r);
	return 0;
}

void case_format_reference(int year, long number, char *out, size_t n)
{
	snprintf(out, n, "FTM-%d-%04ld", year, number);
}

int case_next_reference(struct db *db, int year, char *out, size_t n, struct err *e)
{
	long number;
	if (case_reserve_references(db, year, 1, &number, e) != 0)
		return -1;
	case_format_reference(year, number, out, n);
	return 0;
}

int case_insert(struct db *db, const char *id, const char *reference, const char *now,
		const char *consultation_at, const json_t *in, const char *team_id,
		const char *referrer_user_id, struct err *e)
{
	char folded[1024]; /* 200 characters of up to 4 bytes */
	case_fold(form_str(in, "child_name"), folded, sizeof folded);
	if (db_exec(db, SQL_INSERT,
		       DB_ARGS(id, reference, now, form_str(in, "child_name"), folded,
			       form_str(in, "child_dob"), form_str(in, "referrer_name"),
			       form_str(in, "referrer_role"), form_str(in, "referrer_organisation"),
			       form_str(in, "referrer_email"), form_str(in, "referrer_phone"),
			       consultation_at, form_str(in, "family_details"), form_str(in, "benefit"),
			       form_str(in, "strengths"), form_str(in, "referral_reason"),
			       form_str(in, "questions"), form_str(in, "bottom_lines"),
			       form_str(in, "risks"), form_str(in, "reason_category"),
			       flag(in, "emergency"), form_str(in, "emergency_reason"), team_id,
			       referrer_user_id),
		    NULL, e) != 0)
		return -1;
	return case_terms_write(db, id, folded, reference, e);
}

int case_update_consultation(struct db *db, const char *id, const json_t *in,
			     const char *consultation_at, struct err *e)
{
	char folded[1024]; /* 200 characters of up to 4 bytes */
	case_fold(form_str(in, "child_name"), folded, sizeof folded);
	if (db_exec(db, SQL_UPDATE_CONSULTATION,
		       DB_ARGS(id, form_str(in, "child_name"), folded, form_str(in, "child_dob"),
			       form_str(in, "referrer_name"), form_str(in, "referrer_role"),
			       form_str(in, "referrer_organisation"), form_str(in, "referrer_email"),
			       form_str(in, "referrer_phone"), consultation_at,
			       form_str(in, "family_details"), form_str(in, "benefit"),
			       form_str(in, "strengths"), form_str(in, "referral_reason"),
			       form_str(in, "questions"), form_str(in, "bottom_lines"),
			       form_str(in, "risks"), form_str(in, "reason_category"),
			       flag(in, "emergency"), form_str(in, "emergency_reason")),
		    NULL, e) != 0)
		return -1;
	return case_terms_refresh(db, id, e);
}

/* The sections of a case as the API shows them. */
static const struct col_map COLS_CORE[] = {
	{"id", NULL, COL_STR}, {"reference", NULL, COL_STR}, {"stage", NULL, COL_STR},
	{"created_at", NULL, COL_STR}, {"updated_at", NULL, COL_STR}, {NULL}};
static const struct col_map COLS_TEAM[] = {
	{"team_id", "id", COL_STR}, {"team_name", "name", COL_STR}, {NULL}};
static const struct col_map COLS_CHILD[] = {
	{"child_name", "name", COL_STR}, {"child_dob", "date_of_birth", COL_STR}, {NULL}};
static const struct col_map COLS_REFERRER[] = {
	{"referrer_name", "name", COL_STR}, {"referrer_role", "role", COL_STR},
	{"referrer_organisation", "organisation", COL_STR}, {"referrer_email", "email", COL_STR},
	{"referrer_phone", "phone", COL_STR}, {NULL}};
static const struct col_map COLS_CONSULTATION[] = {
	{"consultation_at", "at", COL_STR}, {"family_details", NULL, COL_STR},
	{"benefit", NULL, COL_STR}, {"strengths", NULL, COL_STR},
	{"referral_reason", NULL, COL_STR}, {"questions", NULL, COL_STR},
	{"bottom_lines", NULL, COL_STR}, {"risks", NULL, COL_STR},
	{"reason_category", NULL, COL_STR}, {NULL}};
static const struct col_map COLS_EMERGENCY[] = {
	{"emergency", "requested", COL_BOOL}, {"emergency_reason", "reason", COL_STR},
	{"emergency_decision", "decision", COL_STR}, {"emergency_decided_by", "decided_by", COL_STR},
	{"emergency_decided_by_name", "decided_by_name", COL_STR},
	{"emergency_decided_at", "decided_at", COL_STR},
	{"emergency_decision_note", "note", COL_STR}, {NULL}};
static const struct col_map COLS_SCREENING[] = {
	{"screened_at", "at", COL_STR}, {"screened_by", "by", COL_STR},
	{"screened_by_name", "by_name", COL_STR}, {"screening_notes", "notes", COL_STR}, {NULL}};
static const struct col_map COLS_NOT_APPROPRIATE[] = {
	{"not_isolated_asylum", "isolated_asylum_seeking_child", COL_BOOL},
	{"not_sharing_refused", "consent_to_share_refused", COL_BOOL},
	{"not_prefers_other_route", "prefers_another_route", COL_BOOL},
	{"not_violence_unmanageable", "violence_unmanageable", COL_BOOL}, {NULL}};
static const struct col_map COLS_FLAGS[] = {
	{"flag_intergenerational_abuse", "intergenerational_sexual_abuse", COL_BOOL},
	{"flag_section_47", "section_47_enquiry", COL_BOOL},
	{"flag_violence_at_meeting", "violence_at_meeting", COL_BOOL},
	{"flag_carer_impaired", "carer_decision_making_impaired", COL_BOOL}, {NULL}};
static const struct col_map COLS_ALLOCATION[] = {
	{"coordinator_id", NULL, COL_STR}, {"coordinator_name", NULL, COL_STR},
	{"coordinator_email", NULL, COL_STR}, {"allocated_at", "at", COL_STR}, {"allocated_by", "by", COL_STR},
	{"allocated_by_name", "by_name", COL_STR}, {NULL}};
static const struct col_map COLS_FIRST_CONTACT[] = {
	{"first_contact_at", "at", COL_STR}, {"first_contact_with", "with", COL_STR},
	{"first_contact_method", "method", COL_STR}, {"first_contact_notes", "notes", COL_STR}, {NULL}};
static const struct col_map COLS_PREPARATION[] = {
	{"child_wants_to_attend", NULL, COL_STR}, {"child_contribution", NULL, COL_JSON},
	{"child_wishes", NULL, COL_STR}, {"child_words", NULL, COL_STR},
	{"advocate_offered", NULL, COL_BOOL}, {"advocate_accepted", NULL, COL_BOOL},
	{"advocate_name", NULL, COL_STR}, {"guardian_informed", NULL, COL_BOOL},
	{"guardian_sent_procedure", NULL, COL_BOOL}, {"interpreter_needed", NULL, COL_BOOL},
	{"interpreter_language", NULL, COL_STR}, {"cultural_needs", NULL, COL_STR},
	{"access_needs", NULL, COL_STR}, {"solicitor_requested", NULL, COL_BOOL},
	{"solicitor_requested_by", NULL, COL_STR}, {"solicitor_explanation", NULL, COL_STR}, {NULL}};
static const struct col_map COLS_NO_AGREEMENT[] = {
	{"no_agreement_choice", "choice", COL_STR}, {"no_agreement_note", "note", COL_STR},
	{"no_agreement_at", "at", COL_STR}, {NULL}};
static const struct col_map COLS_CLOSURE[] = {
	{"closure_reason", "reason", COL_STR}, {"closure_summary", "summary", COL_STR},
	{"closed_at", "at", COL_STR}, {"closed_by", "by", COL_STR},
	{"closed_by_name", "by_name", COL_STR}, {NULL}};

/* A section that is null until its first column has a value. */
static json_t *section(const struct db_result *r, const struct col_map *cols, const char *key_col)
{
	if (!db_get(r, 0, key_col))
		return json_null();
	return rowjson(r, 0, cols);
}

int case_get(struct db *db, const char *id, json_t **out, struct err *e)
{
	struct db_result *r;
	*out = NULL;
	if (db_query(db, SQL_GET, DB_ARGS(id), &r, e) != 0)
		return -1;
	if (db_nrows(r) == 0) {
		db_result_free(r);
		return 0;
	}
	json_t *c = rowjson(r, 0, COLS_CORE);
	json_object_set_new(c, "team", section(r, COLS_TEAM, "team_id"));
	json_object_set_new(c, "child", rowjson(r, 0, COLS_CHILD));
	json_object_set_new(c, "referrer", rowjson(r, 0, COLS_REFERRER));
	json_object_set_new(c, "consultation", rowjson(r, 0, COLS_CONSULTATION));
	json_object_set_new(c, "emergency", rowjson(r, 0, COLS_EMERGENCY));
	json_t *screening = section(r, COLS_SCREENING, "screened_at");
	if (!json_is_null(screening)) {
		json_object_set_new(screening, "not_appropriate", rowjson(r, 0, COLS_NOT_APPROPRIATE));
		json_object_set_new(screening, "special_considerations", rowjson(r, 0, COLS_FLAGS));
	}
	json_object_set_new(c, "screening", screening);
	json_object_set_new(c, "allocation", section(r, COLS_ALLOCATION, "coordinator_id"));
	json_object_set_new(c, "first_contact", section(r, COLS_FIRST_CONTACT, "first_contact_at"));
	json_object_set_new(c, "preparation", rowjson(r, 0, COLS_PREPARATION));
	json_object_set_new(c, "no_agreement", section(r, COLS_NO_AGREEMENT, "no_agreement_choice"));
	json_object_set_new(c, "plan_distributed_at", db_get(r, 0, "plan_distributed_at") ? json_string(db_get(r, 0, "plan_distributed_at")) : json_null());
	json_object_set_new(c, "closure", section(r, COLS_CLOSURE, "closed_at"));
	db_result_free(r);
	*out = c;
	return 0;
}

int case_lock(struct db *db, const char *id, struct err *e)
{
	if (db_kind(db) != DB_POSTGRES)
		return 0;
	struct db_result *r;
	if (db_query(db, SQL_LOCK_PG, DB_ARGS(id), &r, e) != 0)
		return -1;
	int found = db_nrows(r);
	db_result_free(r);
	return found ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "There is no case with that reference.");
}


int case_facts(struct db *db, const char *id, int64_t now, struct case_facts *f,
	       struct case_moments *m, struct err *e)
{
	memset(f, 0, sizeof *f);
	memset(m, 0, sizeof *m);
	f->now = now;
	struct db_result *r = NULL;
	if (db_query(db, SQL_FACTS, DB_ARGS(id), &r, e) != 0)
		return -1;
	if (db_nrows(r) == 0) {
		db_result_free(r);
		return err_set(e, ERR_NOT_FOUND, NULL, "There is no case with that reference.");
	}
	if (stage_from_slug(db_get(r, 0, "stage"), &f->stage) != 0) {
		db_result_free(r);
		return err_set(e, ERR_INTERNAL, NULL, "The case has an unknown stage.");
	}
	f->emergency_requested = strcmp(db_get(r, 0, "emergency"), "0") != 0;
	const char *d = db_get(r, 0, "emergency_decision");
	f->emergency_decision = !d ? DECISION_NONE : strcmp(d, "approved") == 0 ? DECISION_YES : DECISION_NO;
	const char *na = db_get(r, 0, "no_agreement_choice");
	f->no_agreement = !na ? NOAGREE_NONE : strcmp(na, "reconvene") == 0 ? NOAGREE_RECONVENE : NOAGREE_ALTERNATIVE;
	m->consultation_at = dt_instant_or_zero(db_get(r, 0, "consultation_at"));
	m->allocated_at = dt_instant_or_zero(db_get(r, 0, "allocated_at"));
	m->first_contact_at = dt_instant_or_zero(db_get(r, 0, "first_contact_at"));
	m->plan_distributed_at = dt_instant_or_zero(db_get(r, 0, "plan_distributed_at"));
	m->closed_at = dt_instant_or_zero(db_get(r, 0, "closed_at"));
	if (f->stage == STAGE_NOT_ACCEPTED) /* screened out: its clocks stop there */
		m->closed_at = dt_instant_or_zero(db_get(r, 0, "screened_at"));
	f->consultation_at = m->consultation_at;
	db_result_free(r);

	if (db_query(db, SQL_FACTS_PR, DB_ARGS(id), &r, e) != 0)
		return -1;
	f->pr_holders = db_nrows(r);
	for (int i = 0; i < db_nrows(r); i++) {
		const char *ok = db_get(r, i, "ok");
		f->pr_consented += ok && strcmp(ok, "1") == 0;
	}
	db_result_free(r);

	if (db_query(db, SQL_FACTS_MEETINGS, DB_ARGS(id), &r, e) != 0)
		return -1;
	bool review_meeting = false;
	char family_meeting[33] = ""; /* the latest one held */
	for (int i = 0; i < db_nrows(r); i++) {
		bool review = strcmp(db_get(r, i, "kind"), "review") == 0;
		int64_t held = dt_instant_or_zero(db_get(r, i, "held_at"));
		review_meeting = review_meeting || review;
		if (!held) {
			f->meeting_pending = true;
			f->meeting_pending_at = dt_instant_or_zero(db_get(r, i, "scheduled_at"));
			f->review_held = f->review_held && !review;
		} else if (review) {
			f->review_held = true;
			if (held > m->review_held_at)
				m->review_held_at = held;
		} else {
			f->meeting_held = true;
			/* Meetings are in the order they were arranged: the latest one
			 * held is the one that counts for the plan. */
			if (!m->meeting_held_at || held < m->meeting_held_at)
				m->meeting_held_at = held; /* the meeting clock: the first */
			f->last_meeting_at = held;
			snprintf(family_meeting, sizeof family_meeting, "%s", db_get(r, i, "id"));
			const char *outcome = db_get(r, i, "outcome");
			bool agreed = outcome && strcmp(outcome, "plan_agreed") == 0 &&
				      strcmp(db_get(r, i, "refused"), "0") == 0;
			m->plan_meeting_at = agreed ? held : 0;
		}
	}
	db_result_free(r);

	/* The plan facts are about the plan made at the latest family meeting
	 * (a reconvened meeting makes a new one); whether a review is needed
	 * is the newest version's say. */
	if (db_query(db, SQL_FACTS_PLANS, DB_ARGS(id), &r, e) != 0)
		return -1;
	for (int i = 0; i < db_nrows(r); i++) {
		m->review_required = db_get(r, i, "review_date") != NULL || review_meeting;
		if (strcmp(db_get(r, i, "meeting_id"), family_meeting) != 0)
			continue;
		f->plan_exists = true;
		const char *rd = db_get(r, i, "referrer_decision");
		f->referrer_decision = !rd ? DECISION_NONE : strcmp(rd, "agreed") == 0 ? DECISION_YES : DECISION_NO;
		f->plan_validated = db_get(r, i, "validated_at") != NULL;
		f->distributions = (int)strtol(db_get(r, i, "sent"), NULL, 10);
		f->plan_mail_waiting = (int)strtol(db_get(r, i, "waiting"), NULL, 10);
	}
	db_result_free(r);
	return 0;
}

int case_set_stage(struct db *db, const char *id, enum stage s, const char *now, struct err *e)
{
	return db_exec(db, SQL_SET_STAGE, DB_ARGS(id, stage_slug(s), now), NULL, e);
}

int case_set_emergency_decision(struct db *db, const char *id, const char *decision,
				const char *by, const char *at, const char *note, struct err *e)
{
	return db_exec(db, SQL_SET_EMERGENCY, DB_ARGS(id, decision, by, at, note), NULL, e);
}

int case_set_screening(struct db *db, const char *id, const json_t *in, const char *by, const char *at,
		       struct err *e)
{
	return db_exec(db, SQL_SET_SCREENING,
		       DB_ARGS(id, at, by, flag(in, "isolated_asylum_seeking_child"),
			       flag(in, "consent_to_share_refused"), flag(in, "prefers_another_route"),
			       flag(in, "violence_unmanageable"), flag(in, "intergenerational_sexual_abuse"),
			       flag(in, "section_47_enquiry"), flag(in, "violence_at_meeting"),
			       flag(in, "carer_decision_making_impaired"), form_str(in, "notes")),
		       NULL, e);
}

int case_set_allocation(struct db *db, const char *id, const char *coordinator_id,
			const char *by, const char *at, struct err *e)
{
	return db_exec(db, SQL_SET_ALLOCATION, DB_ARGS(id, coordinator_id, by, at), NULL, e);
}

int case_set_first_contact(struct db *db, const char *id, const char *at, const char *with,
			   const char *method, const char *notes, struct err *e)
{
	return db_exec(db, SQL_SET_FIRST_CONTACT, DB_ARGS(id, at, with, method, notes), NULL, e);
}

static const char *opt_flag(const json_t *in, const char *name)
{
	const json_t *v = json_object_get(in, name);
	return json_is_boolean(v) ? (json_is_true(v) ? "1" : "0") : NULL;
}

int case_set_preparation(struct db *db, const char *id, const json_t *p, struct err *e)
{
	/* The ways the child's views reach the meeting: a JSON list of codes. */
	const json_t *ways = json_object_get(p, "child_contribution");
	char *ways_text = json_array_size(ways) ? json_dumps(ways, JSON_COMPACT) : NULL;
	int rc = db_exec(db, SQL_SET_PREPARATION,
			 DB_ARGS(id, form_str(p, "child_wants_to_attend"), ways_text,
				 form_str(p, "child_wishes"), form_str(p, "child_words"),
				 opt_flag(p, "advocate_offered"), opt_flag(p, "advocate_accepted"),
				 form_str(p, "advocate_name"), opt_flag(p, "guardian_informed"),
				 opt_flag(p, "guardian_sent_procedure"), opt_flag(p, "interpreter_needed"),
				 form_str(p, "interpreter_language"), form_str(p, "cultural_needs"),
				 form_str(p, "access_needs"), opt_flag(p, "solicitor_requested"),
				 form_str(p, "solicitor_requested_by"), form_str(p, "solicitor_explanation")),
			 NULL, e);
	free(ways_text);
	return rc;
}

int case_set_no_agreement(struct db *db, const char *id, const char *choice, const char *note,
			  const char *at, struct err *e)
{
	if (!choice)
		return db_exec(db, SQL_CLEAR_NO_AGREEMENT, DB_ARGS(id), NULL, e);
	return db_exec(db, SQL_SET_NO_AGREEMENT, DB_ARGS(id, choice, note, at), NULL, e);
}

int case_set_distributed(struct db *db, const char *id, const char *at, struct err *e)
{
	return db_exec(db, SQL_SET_DISTRIBUTED, DB_ARGS(id, at), NULL, e);
}

int case_set_closed(struct db *db, const char *id, const char *reason, const char *summary,
		    const char *by, const char *at, struct err *e)
{
	char text[2048];
	snprintf(text, sizeof text, "%s", summary);
	utf8_trim(text);
	return db_exec(db, SQL_SET_CLOSED, DB_ARGS(id, reason, text, by, at), NULL, e);
}

void case_like_pattern(const char *text, struct buf *out)
{
	char folded[512];
	case_fold(text, folded, sizeof folded);
	buf_puts(out, "%");
	for (const char *p = folded; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_puts(out, "\\");
		buf_append(out, p, 1);
	}
	buf_puts(out, "%");
}

static const struct col_map LIST_COLS[] = {
	{"id", NULL, COL_STR}, {"reference", NULL, COL_STR}, {"child_name", NULL, COL_STR},
	{"stage", NULL, COL_STR}, {"coordinator_id", NULL, COL_STR},
	{"coordinator_name", NULL, COL_STR}, {"consultation_at", NULL, COL_STR},
	{"emergency", NULL, COL_BOOL}, {"emergency_decision", NULL, COL_STR},
	{"allocated_at", NULL, COL_STR}, {"first_contact_at", NULL, COL_STR},
	{"meeting_held_at", NULL, COL_STR}, {"plan_distributed_at", NULL, COL_STR},
	{"screened_at", NULL, COL_STR}, {"last_meeting_at", NULL, COL_STR},
	{"last_meeting_outcome", NULL, COL_STR}, {"last_plan_refused", NULL, COL_INT},
	{"review_held_at", NULL, COL_STR}, {"reviews", NULL, COL_INT},
	{"review_date", NULL, COL_STR}, {"closed_at", NULL, COL_STR}, {NULL}};

/* Runs one of the list's statements with the filter's values. */
static int list_query(struct db *db, const char *sql, const struct case_filter *f, struct db_result **r,
		      struct err *e)
{
	char words[3][SEARCH_TERM_MAX] = {{0}}, to[SEARCH_TERM_MAX] = "";
	size_t nwords = f->text ? search_words(f->text, words, 3) : 0;
	if (f->text && (nwords == 0 || search_range(words[0], to) != 0))
		to[0] = '\0'; /* nothing to search for: an empty range finds nothing */
	struct buf second, third;
	buf_init(&second);
	buf_init(&third);
	if (nwords > 1)
		case_like_pattern(words[1], &second);
	else
		buf_puts(&second, "%");
	if (nwords > 2)
		case_like_pattern(words[2], &third);
	else
		buf_puts(&third, "%");
	char limit[24], offset[24];
	snprintf(limit, sizeof limit, "%ld", f->limit > 0 ? f->limit : 1000000000L);
	snprintf(offset, sizeof offset, "%ld", f->offset > 0 ? f->offset : 0L);
	int rc = db_query(db, sql,
			  DB_ARGS(f->stage, f->coordinator, second.data, f->open_only ? "1" : "0",
				  f->see.coordinator, f->see.referrer, f->see.team, limit, offset, words[0], to,
				  third.data),
			  r, e);
	buf_free(&second);
	buf_free(&third);
	return rc;
}

/* ---- search terms ---- */

static const char SQL_TERMS_CLEAR[] = "DELETE FROM case_terms WHERE case_id = $1";
static const char SQL_TERM_ADD[] = "INSERT INTO case_terms (term, case_id) VALUES ($1, $2)";
static const char SQL_TERMS_SOURCE[] = "SELECT child_name_folded, reference FROM cases WHERE id = $1";
static const char SQL_CASES_OF_CHILD[] =
	"SELECT case_id FROM case_people WHERE person_id = $1 AND subject = 1";
static const char SQL_CASES_WITHOUT_TERMS[] =
	"SELECT id FROM cases WHERE id NOT IN (SELECT case_id FROM case_terms)";

int case_terms_write(struct db *db, const char *case_id, const char *name_folded, const char *reference,
		     struct err *e)
{
	char terms[SEARCH_TERMS_MAX][SEARCH_TERM_MAX];
	size_t n = search_terms(name_folded, reference, terms, SEARCH_TERMS_MAX);
	if (db_exec(db, SQL_TERMS_CLEAR, DB_ARGS(case_id), NULL, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (db_exec(db, SQL_TERM_ADD, DB_ARGS(terms[i], case_id), NULL, e) != 0)
			return -1;
	return 0;
}

int case_terms_refresh(struct db *db, const char *case_id, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_TERMS_SOURCE, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	int rc = db_nrows(r) == 0 ? 0
		 : case_terms_write(db, case_id, db_get(r, 0, "child_name_folded"), db_get(r, 0, "reference"), e);
	db_result_free(r);
	return rc;
}

int case_terms_refresh_child(struct db *db, const char *person_id, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_CASES_OF_CHILD, DB_ARGS(person_id), &r, e) != 0)
		return -1;
	int rc = 0;
	for (int i = 0; i < db_nrows(r) && rc == 0; i++)
		rc = case_terms_refresh(db, db_cell(r, i, 0), e);
	db_result_free(r);
	return rc;
}

int case_terms_backfill(struct db *db, long *done, struct err *e)
{
	struct db_result *r;
	*done = 0;
	if (db_query(db, SQL_CASES_WITHOUT_TERMS, DB_NOARGS, &r, e) != 0)
		return -1;
	int rc = 0;
	for (int i = 0; i < db_nrows(r) && rc == 0; i++)
		rc = case_terms_refresh(db, db_cell(r, i, 0), e);
	if (rc == 0)
		*done = db_nrows(r);
	db_result_free(r);
	return rc;
}

/* Whether the terms' index alone answers the search (SQL_FIND_BY_TERM). */
static bool by_term_only(const struct case_filter *f)
{
	char words[2][SEARCH_TERM_MAX];
	return f->text && f->see.all && !f->stage && !f->coordinator && !f->open_only &&
	       search_words(f->text, words, 2) == 1;
}

int case_list(struct db *db, const struct case_filter *f, json_t **out, struct err *e)
{
	struct db_result *r;
	const char *sql = by_term_only(f) ? SQL_FIND_BY_TERM
			  : f->text	  ? (f->see.all ? SQL_FIND_ALL : SQL_FIND_SEEN)
					  : (f->see.all ? SQL_LIST_ALL : SQL_LIST_SEEN);
	if (list_query(db, sql, f, &r, e) != 0)
		return -1;
	*out = rowjson_all(r, LIST_COLS);
	db_result_free(r);
	return 0;
}

int case_count(struct db *db, const struct case_filter *f, long *total, struct err *e)
{
	struct db_result *r;
	bool unfiltered = !f->stage && !f->coordinator && !f->text && !f->open_only;
	const char *sql = by_term_only(f) ? SQL_COUNT_BY_TERM
		: f->text ? (f->see.all ? SQL_COUNT_FIND_ALL : SQL_COUNT_FIND_SEEN)
		: !f->see.all ? SQL_COUNT_SEEN : unfiltered ? SQL_COUNT_EVERY : SQL_COUNT_ALL;
	if (list_query(db, sql, f, &r, e) != 0)
		return -1;
	*total = strtol(db_get(r, 0, "n"), NULL, 10);
	db_result_free(r);
	return 0;
}

int case_list_open(struct db *db, const struct case_visibility *see, json_t **out, struct err *e)
{
	struct case_filter f = {.see = *see};
	struct db_result *r;
	if (list_query(db, see->all ? SQL_OPEN_ALL : SQL_OPEN_SEEN, &f, &r, e) != 0)
		return -1;
	*out = rowjson_all(r, LIST_COLS);
	db_result_free(r);
	return 0;
}

int case_stage_counts(struct db *db, const struct case_visibility *see, json_t **out, struct err *e)
{
	struct db_result *r;
	if (db_query(db, see->all ? SQL_STAGE_COUNTS_ALL : SQL_STAGE_COUNTS_SEEN,
		     DB_ARGS(see->coordinator, see->referrer, see->team), &r, e) != 0)
		return -1;
	json_t *o = json_object();
	for (int i = 0; i < db_nrows(r); i++)
		json_object_set_new(o, db_get(r, i, "stage"), json_integer(strtol(db_get(r, i, "n"), NULL, 10)));
	db_result_free(r);
	*out = o;
	return 0;
}

int case_access(struct db *db, const char *id, struct case_access *out, struct err *e)
{
	struct db_result *r;
	memset(out, 0, sizeof *out);
	if (db_query(db, SQL_ACCESS, DB_ARGS(id), &r, e) != 0)
		return -1;
	if (db_nrows(r) == 1) {
		const char *v;
		out->found = true;
		if ((v = db_get(r, 0, "coordinator_id")))
			snprintf(out->coordinator_id, sizeof out->coordinator_id, "%s", v);
		if ((v = db_get(r, 0, "referrer_user_id")))
			snprintf(out->referrer_user_id, sizeof out->referrer_user_id, "%s", v);
		if ((v = db_get(r, 0, "team_id")))
			snprintf(out->team_id, sizeof out->team_id, "%s", v);
	}
	db_result_free(r);
	return 0;
}

int case_consultations(struct db *db, const struct case_visibility *see, const char *from, const char *to,
		       json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR},       {"reference", NULL, COL_STR}, {"child_name", NULL, COL_STR},
		{"consultation_at", NULL, COL_STR}, {"stage", NULL, COL_STR}, {"visible", NULL, COL_BOOL},
		{NULL}};
	struct db_result *r;
	if (db_query(db, SQL_CONSULTATIONS,
		     DB_ARGS(from, to, see->all ? "1" : "0", see->coordinator, see->referrer, see->team), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}
