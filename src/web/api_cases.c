/* api_cases.c — the case as a whole: booking a consultation (which creates
 * the case), the case list with its filters, one case, its timeline, and
 * changing the consultation answers before screening. */
#include "api.h"
#include "action.h"
#include "audit_log.h"
#include "auth.h"
#include "../domain/access.h"
#include "../store/user_store.h"
#include "case_view.h"
#include "../domain/datetime.h"
#include "../store/case_store.h"
#include "../store/event_store.h"
#include "../store/people_store.h"
#include "../util/ids.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The seven consultation questions and who is asking. */
static const struct field_spec BOOKING[] = {
	{"child_name", F_STRING, true, "the child's name"},
	{"child_dob", F_DATE, false, "the child's date of birth"},
	{"referrer_name", F_STRING, true, "the referrer's name"},
	{"referrer_role", F_STRING, true, "the referrer's role, like social worker or teacher"},
	{"referrer_organisation", F_STRING, true, "the referrer's organisation"},
	{"referrer_email", F_EMAIL, false, "the referrer's email address"},
	{"referrer_phone", F_STRING, false, "the referrer's phone number", 40},
	{"consultation_at", F_DATETIME, true, "the date and time of the consultation session"},
	{"family_details", F_TEXT, true, "the family details"},
	{"benefit", F_TEXT, true, "how the family will benefit from a meeting"},
	{"strengths", F_TEXT, true, "the family's strengths"},
	{"referral_reason", F_TEXT, true, "the reason for the referral"},
	{"questions", F_TEXT, true, "the questions the meeting should answer"},
	{"bottom_lines", F_TEXT, true, "the bottom lines and non-negotiables"},
	{"risks", F_TEXT, true, "the known risks (write \"none known\" if there are none)"},
	{"reason_category", F_CHOICE, true, "the kind of help the family needs", .vocab = VOCAB_REASON_CATEGORY},
	{"emergency", F_BOOL, false, "whether this is an emergency request"},
	{"emergency_reason", F_TEXT, false, "why the request is an emergency", 2000},
	{"team_id", F_ID, false, "the team the family's case belongs to"},
	{NULL}};

/* Checks across fields that the declaration cannot express. */
static void booking_rules(const json_t *in, int64_t now, json_t *errors)
{
	if (form_bool(in, "emergency") && !form_str(in, "emergency_reason"))
		form_error(errors, "emergency_reason", "Enter why the request is an emergency");
	const char *dob = form_str(in, "child_dob");
	int32_t day;
	if (dob && dt_parse_date(dob, &day) == 0 && day > dt_london_day(now))
		form_error(errors, "child_dob", "The child's date of birth must be in the past");
}

/* The team that will own a new case: the one named, else the booker's own,
 * else the first team (a service with one team never has to choose). */
static int booking_team(struct db *db, const struct request *req, const char *asked, char out[33],
			struct err *e)
{
	out[0] = '\0';
	if (asked) {
		bool yes;
		if (team_exists(db, asked, &yes, e) != 0)
			return -1;
		if (!yes)
			return err_set(e, ERR_INVALID, "team_id", "Choose a team from the list");
		snprintf(out, 33, "%s", asked);
		return 0;
	}
	if (req->who->team_id[0]) {
		snprintf(out, 33, "%s", req->who->team_id);
		return 0;
	}
	json_t *teams;
	if (team_list(db, &teams, e) != 0)
		return -1;
	const char *first = json_string_value(json_object_get(json_array_get(teams, 0), "id"));
	if (first)
		snprintf(out, 33, "%s", first);
	json_decref(teams);
	return 0;
}

static int consultation_time(const json_t *in, char out[21])
{
	int64_t t;
	if (dt_parse_datetime(form_str(in, "consultation_at"), &t) != 0)
		return -1;
	dt_format_utc(t, out);
	return 0;
}

int handle_case_create(struct app *app, const struct request *req, struct response *res)
{
	json_t *in, *errors = json_array(), *view = NULL, *child = NULL;
	struct err e = {0};
	if (body_read(req, res, BOOKING, &in, errors) != 0) {
		json_decref(errors);
		return 0;
	}
	body_check(in, BOOKING, errors);
	if (json_array_size(errors) == 0)
		booking_rules(in, req->now, errors);
	if (json_array_size(errors) > 0) {
		http_errors(res, 422, errors);
		json_decref(in);
		return 0;
	}
	json_decref(errors);
	char id[33], now[21], at[21], reference[32], person[33];
	ids_new(id);
	dt_format_utc(req->now, now);
	consultation_time(in, at);
	int year;
	dt_civil_from_days(dt_london_day(req->now), &year, &(int){0}, &(int){0});

	struct db *db = db_pool_get(app->pool);
	child = json_pack("{s:s,s:s,s:b,s:b,s:O}", "name", form_str(in, "child_name"), "role", "child",
			  "parental_responsibility", 0, "subject", 1, "dob",
			  form_has(in, "child_dob") ? json_object_get(in, "child_dob") : json_null());
	if (db_begin(db, &e) != 0)
		goto fail_nt;
	char team[33];
	if (booking_team(db, req, form_str(in, "team_id"), team, &e) != 0)
		goto fail;
	const struct principal *who = req->who;
	const char *referrer = (who->roles & ROLE_REFERRER) ? who->user_id : NULL;
	char summary[300];
	char when[64];
	dt_format_iso_words(at, when, sizeof when);
	snprintf(summary, sizeof summary, "Consultation booked for %s", when);
	if (case_next_reference(db, year, reference, sizeof reference, &e) != 0 ||
	    case_insert(db, id, reference, now, at, in, team[0] ? team : NULL, referrer, &e) != 0 ||
	    person_insert(db, id, child, now, person, &e) != 0 ||
	    event_add(db, id, now, "book_consultation", summary, who->user_id, &e) != 0 ||
	    audit_request(db, req, &(struct audit_what){.object_id = id, .case_id = id}, &e) != 0 ||
	    case_view(app, db, id, req->now, &view, &e) != 0 || db_commit(db, &e) != 0)
		goto fail;
	db_pool_put(app->pool, db);
	/* The booker now stands in relation to the case they made. */
	req->who->relations |= (referrer ? REL_REFERRED : 0) |
			       (team[0] && strcmp(team, req->who->team_id) == 0 ? REL_TEAM : 0);
	case_view_for(req->who, view);
	static __thread char location[80];
	snprintf(location, sizeof location, "/api/cases/%s", id);
	http_header(res, "Location", location);
	http_json(res, 201, view);
	json_decref(view);
	json_decref(child);
	json_decref(in);
	return 0;
fail:
	db_rollback(db);
fail_nt:
	db_pool_put(app->pool, db);
	json_decref(view);
	json_decref(child);
	json_decref(in);
	respond_err(res, &e);
	return 0;
}

static int apply_update_consultation(struct action_ctx *ctx)
{
	char at[21];
	consultation_time(ctx->in, at);
	if (case_update_consultation(ctx->db, ctx->case_id, ctx->in, at, &ctx->err) != 0 ||
	    subject_sync(ctx->db, ctx->case_id, form_str(ctx->in, "child_name"), form_str(ctx->in, "child_dob"),
			 ctx->now, &ctx->err) != 0)
		return -1;
	/* A decision was about the request as it was: a changed request needs a new one. */
	if (json_is_true(ctx->scratch))
		return case_set_emergency_decision(ctx->db, ctx->case_id, NULL, NULL, NULL, NULL, &ctx->err);
	return 0;
}

static int prepare_update_consultation(struct action_ctx *ctx)
{
	booking_rules(ctx->in, ctx->req->now, ctx->errors);
	if (form_has(ctx->in, "team_id"))
		form_error(ctx->errors, "team_id", "The team is chosen when the consultation is booked, and follows the coordinator at allocation");
	json_t *c = NULL;
	if (case_get(ctx->db, ctx->case_id, &c, &ctx->err) != 0)
		return -1;
	const json_t *em = json_object_get(c, "emergency");
	const char *old_reason = json_string_value(json_object_get(em, "reason"));
	const char *new_reason = form_str(ctx->in, "emergency_reason");
	bool changed = json_is_true(json_object_get(em, "requested")) != form_bool(ctx->in, "emergency") ||
		       (old_reason == NULL) != (new_reason == NULL) ||
		       (old_reason && new_reason && strcmp(old_reason, new_reason) != 0);
	ctx->scratch = json_boolean(changed && !json_is_null(json_object_get(em, "decision")));
	json_decref(c);
	return 0;
}

static const struct stage_action UPDATE_CONSULTATION = {
	ACT_UPDATE_CONSULTATION, BOOKING, prepare_update_consultation, apply_update_consultation};

int handle_consultation_update(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &UPDATE_CONSULTATION);
	return 0;
}

/* Runs a read: looks the case up and answers 404 when it is not there. */
int handle_case_get(struct app *app, const struct request *req, struct response *res)
{
	const char *id = http_param(req, "id");
	if (!form_is_id(id)) {
		http_error(res, 404, NULL, "There is no case with that reference.");
		return 0;
	}
	struct err e = {0};
	json_t *view = NULL;
	struct db *db = db_pool_get(app->pool);
	int rc = case_view(app, db, id, req->now, &view, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
	} else {
		case_view_for(req->who, view);
		http_json(res, 200, view);
	}
	json_decref(view);
	return 0;
}

int handle_case_timeline(struct app *app, const struct request *req, struct response *res)
{
	const char *id = http_param(req, "id");
	struct err e = {0};
	json_t *events = NULL, *c = NULL;
	struct db *db = db_pool_get(app->pool);
	int rc = -1;
	if (!form_is_id(id)) {
		err_set(&e, ERR_NOT_FOUND, NULL, "There is no case with that reference.");
	} else if (case_get(db, id, &c, &e) == 0) {
		if (!c)
			err_set(&e, ERR_NOT_FOUND, NULL, "There is no case with that reference.");
		else
			rc = event_list(db, id, &events, &e);
	}
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
	} else {
		json_t *v = json_pack("{s:s,s:o}", "case_id", id, "events", events);
		http_json(res, 200, v);
		json_decref(v);
	}
	json_decref(c);
	return 0;
}
