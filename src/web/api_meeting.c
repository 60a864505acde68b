/* api_meeting.c — preparation for the family meeting (the child's voice,
 * advocate, guardian, interpreter, cultural and access needs), arranging
 * the meeting and recording what happened at it. */
#include "api.h"
#include "action.h"
#include "meeting_mail.h"
#include "../domain/datetime.h"
#include "../domain/meeting_parts.h"
#include "../store/case_store.h"
#include "../store/meeting_store.h"

#include <stdio.h>
#include <string.h>

static const struct field_spec PREPARATION[] = {
	{"child_wants_to_attend", F_CHOICE, false, "whether the child wants to attend", .vocab = VOCAB_CHILD_ATTENDANCE},
	{"child_contribution", F_CODES, false, "how the child's views will reach the meeting", .vocab = VOCAB_CHILD_CONTRIBUTION},
	{"child_wishes", F_TEXT, false, "what the child wants discussed"},
	{"child_words", F_TEXT, false, "the child's own words"},
	{"advocate_offered", F_BOOL, false, "whether an advocate was offered"},
	{"advocate_accepted", F_BOOL, false, "whether the child accepted an advocate"},
	{"advocate_name", F_STRING, false, "the advocate's name"},
	{"guardian_informed", F_BOOL, false, "whether the child's guardian was informed"},
	{"guardian_sent_procedure", F_BOOL, false, "whether the guardian was sent the procedure"},
	{"interpreter_needed", F_BOOL, false, "whether an interpreter or signer is needed"},
	{"interpreter_language", F_STRING, false, "the language or sign language needed"},
	{"cultural_needs", F_TEXT, false, "cultural and religious needs", 5000},
	{"access_needs", F_TEXT, false, "access needs", 5000},
	{"solicitor_requested", F_BOOL, false, "whether a family member asked for a solicitor to attend"},
	{"solicitor_requested_by", F_STRING, false, "who asked for a solicitor", 200},
	{"solicitor_explanation", F_TEXT, false, "how you explained why a solicitor is not part of the meeting", 5000},
	{NULL}};

static int prepare_preparation(struct action_ctx *ctx)
{
	if (json_object_size(ctx->in) == 0) {
		form_error(ctx->errors, "", "Enter at least one preparation answer");
		return 0;
	}
	json_t *c = NULL;
	if (case_get(ctx->db, ctx->case_id, &c, &ctx->err) != 0)
		return -1;
	json_t *p = json_deep_copy(json_object_get(c, "preparation"));
	json_decref(c);
	json_object_update(p, ctx->in);
	if (json_is_true(json_object_get(p, "advocate_accepted")) && !json_is_true(json_object_get(p, "advocate_offered")))
		form_error(ctx->errors, "advocate_accepted", "An advocate can only be accepted once one has been offered");
	const char *attend = form_str(p, "child_wants_to_attend");
	size_t w;
	json_t *way;
	json_array_foreach(json_object_get(p, "child_contribution"), w, way)
		if (attend && strcmp(attend, "none") == 0 && strcmp(json_string_value(way), "in_person") == 0)
			form_error(ctx->errors, "child_contribution",
				   "The child does not want to come to the meeting, so their views cannot reach it in person: choose another way");
	if (json_is_false(json_object_get(p, "interpreter_needed")) && form_str(p, "interpreter_language"))
		form_error(ctx->errors, "interpreter_language", "Leave the language empty when no interpreter or signer is needed");
	if (json_is_true(json_object_get(p, "interpreter_needed")) && !form_str(p, "interpreter_language"))
		form_error(ctx->errors, "interpreter_language", "Enter the language or sign language the interpreter is needed for");
	if (form_str(p, "advocate_name") && !json_is_true(json_object_get(p, "advocate_accepted")))
		form_error(ctx->errors, "advocate_name", "Name an advocate only once the child has accepted one");
	if (json_is_true(json_object_get(p, "solicitor_requested")) && !form_str(p, "solicitor_explanation"))
		form_error(ctx->errors, "solicitor_explanation",
			   "Enter how you explained to the family why a solicitor is not part of the meeting");
	if (json_is_true(json_object_get(p, "solicitor_requested")) && !form_str(p, "solicitor_requested_by"))
		form_error(ctx->errors, "solicitor_requested_by", "Enter who asked for a solicitor");
	if ((form_str(p, "solicitor_explanation") || form_str(p, "solicitor_requested_by")) &&
	    !json_is_true(json_object_get(p, "solicitor_requested")))
		form_error(ctx->errors, "solicitor_requested", "Record that a solicitor was asked for before saying who asked and how you explained");
	if (json_is_true(json_object_get(p, "guardian_sent_procedure")) && !json_is_true(json_object_get(p, "guardian_informed")))
		form_error(ctx->errors, "guardian_sent_procedure", "Record that the guardian was informed before recording that they were sent the procedure");
	ctx->scratch = p;
	return 0;
}

static int apply_preparation(struct action_ctx *ctx)
{
	json_t *p = ctx->scratch;
	struct buf fields;
	buf_init(&fields);
	const char *key;
	json_t *v;
	/* Named as a person reads them ("the child's own words"), not by code. */
	json_object_foreach(ctx->in, key, v) {
		const char *label = key;
		for (const struct field_spec *f = PREPARATION; f->name; f++)
			if (strcmp(f->name, key) == 0)
				label = f->label;
		buf_printf(&fields, "%s%s", fields.len ? "; " : "", label);
	}
	snprintf(ctx->summary, sizeof ctx->summary, "Preparation updated: %s", fields.len ? fields.data : "nothing changed");
	buf_free(&fields);
	return case_set_preparation(ctx->db, ctx->case_id, p, &ctx->err);
}

static const struct stage_action UPDATE_PREPARATION = {ACT_UPDATE_PREPARATION, PREPARATION,
						       prepare_preparation, apply_preparation};

int handle_preparation(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &UPDATE_PREPARATION);
	return 0;
}

/* Shared by the family meeting and the review meeting. */
const struct field_spec MEETING_ARRANGEMENT[] = {
	{"scheduled_at", F_DATETIME, true, "the date and time of the meeting"},
	{"venue", F_STRING, false, "the venue", 300},
	{"online_link", F_URL, false, "the online meeting link", 1000},
	{NULL}};

int meeting_arrangement_check(struct action_ctx *ctx)
{
	if (!form_str(ctx->in, "venue") && !form_str(ctx->in, "online_link"))
		form_error(ctx->errors, "venue", "Enter a venue, or a link for an online meeting");
	int64_t t;
	if (dt_parse_datetime(form_str(ctx->in, "scheduled_at"), &t) == 0)
		dt_format_utc(t, ctx->when);
	return 0;
}

static int prepare_schedule(struct action_ctx *ctx)
{
	meeting_arrangement_check(ctx);
	action_not_before(ctx, "scheduled_at", ctx->when, ctx->moments.consultation_at, "the consultation");
	action_not_before(ctx, "scheduled_at", ctx->when, ctx->facts.last_meeting_at, "the earlier family meeting");
	return 0;
}

static int apply_schedule(struct action_ctx *ctx)
{
	char when[64];
	dt_format_iso_words(ctx->when, when, sizeof when);
	snprintf(ctx->summary, sizeof ctx->summary, "Family meeting %s for %s",
		 ctx->facts.stage == STAGE_MEETING ? "rearranged" : "arranged", when);
	if (meeting_schedule(ctx->db, ctx->case_id, "family", ctx->when, form_str(ctx->in, "venue"),
			     form_str(ctx->in, "online_link"), ctx->now, &ctx->err) != 0)
		return -1;
	return meeting_mail_sync(ctx, "family", NULL, INVITE_MEETING_ARRANGED);
}

static const struct stage_action SCHEDULE = {ACT_SCHEDULE_MEETING, MEETING_ARRANGEMENT, prepare_schedule, apply_schedule};

int handle_meeting_schedule(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &SCHEDULE);
	return 0;
}

const struct field_spec ATTENDEE[] = {
	{"person_id", F_ID, false, "the person"},
	{"name", F_STRING, false, "the name of someone not recorded on the case"},
	{"role", F_STRING, false, "their role, like health visitor"},
	{"attended", F_BOOL, true, "whether they attended"},
	{NULL}};

static const struct field_spec AGENCY_SHARED[] = {
	{"agency", F_STRING, true, "the agency, like Children's Social Care or the school", 200},
	{"shared", F_TEXT, true, "what the agency shared", 5000},
	{NULL}};

static const struct field_spec MEETING_RECORD[] = {
	{"held_at", F_DATETIME, false, "when the meeting was held"},
	{"attendance", F_LIST, true, "who was invited and who came", .items = ATTENDEE, .min_items = 1, .max_items = 200},
	{"sharing_from", F_STRING, false, "when the information sharing started", 5},
	{"sharing_to", F_STRING, false, "when the information sharing ended", 5},
	{"information_sharing", F_TEXT, true, "what was shared in the information-sharing part"},
	{"agencies_shared", F_LIST, false, "what each agency shared", .items = AGENCY_SHARED, .max_items = 30},
	{"bottom_lines_restated", F_BOOL, false, "whether the bottom lines were restated to the family"},
	{"bottom_lines_note", F_TEXT, false, "how the bottom lines were put, and how the family took them", 5000},
	{"private_from", F_STRING, false, "when the private family time started", 5},
	{"private_to", F_STRING, false, "when the private family time ended", 5},
	{"private_family_time", F_TEXT, true, "a note on the private family time"},
	{"plan_from", F_STRING, false, "when agreeing the plan started", 5},
	{"plan_to", F_STRING, false, "when agreeing the plan ended", 5},
	{"agreeing_the_plan", F_TEXT, false, "a note on agreeing the plan"},
	{"outcome", F_CHOICE, true, "whether the family made a plan", .vocab = VOCAB_MEETING_OUTCOME},
	{NULL}};

/* Checks each attendee and fills in names from the case's people. */
int attendance_check(struct action_ctx *ctx)
{
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(ctx->in, "attendance"), i, a) {
		char field[64];
		const char *pid = form_str(a, "person_id");
		if (pid) {
			json_t *p = NULL;
			snprintf(field, sizeof field, "attendance[%zu].person_id", i);
			if (action_person(ctx, pid, field, &p) != 0)
				return -1;
			if (!p)
				continue;
			json_object_set(a, "name", json_object_get(p, "name"));
			json_object_set(a, "role", json_object_get(p, "role"));
			json_decref(p);
		} else if (!form_str(a, "name")) {
			snprintf(field, sizeof field, "attendance[%zu].name", i);
			form_error(ctx->errors, field, "Choose a person on the case or enter a name");
		} else if (!form_str(a, "role")) {
			json_object_set_new(a, "role", json_string("other"));
		}
	}
	return 0;
}

int attendance_write(struct action_ctx *ctx, const char *meeting_id)
{
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(ctx->in, "attendance"), i, a)
		if (attendance_insert(ctx->db, meeting_id, form_str(a, "person_id"), form_str(a, "name"),
				      form_str(a, "role"), form_bool(a, "attended"), &ctx->err) != 0)
			return -1;
	return 0;
}

static int prepare_record(struct action_ctx *ctx)
{
	char scheduled[32];
	ctx->sm.plan_agreed_at_meeting = strcmp(form_str(ctx->in, "outcome"), "plan_agreed") == 0;
	if (ctx->sm.plan_agreed_at_meeting && !form_str(ctx->in, "agreeing_the_plan"))
		form_error(ctx->errors, "agreeing_the_plan", "Enter a note on agreeing the plan");
	meeting_parts_check(ctx->in, ctx->sm.plan_agreed_at_meeting, ctx->errors);
	if (form_str(ctx->in, "bottom_lines_note") && !form_bool(ctx->in, "bottom_lines_restated"))
		form_error(ctx->errors, "bottom_lines_restated",
			   "Record that the bottom lines were restated before saying how they were put");
	if (meeting_pending(ctx->db, ctx->case_id, "family", ctx->ref, scheduled, &ctx->err) != 0)
		return -1;
	if (form_str(ctx->in, "held_at")) {
		if (action_time(ctx, "held_at", "when the meeting was held", ctx->when) == 0)
			action_not_before(ctx, "held_at", ctx->when, ctx->moments.consultation_at, "the consultation");
		action_not_before(ctx, "held_at", ctx->when, ctx->facts.last_meeting_at, "the earlier family meeting");
	} else {
		snprintf(ctx->when, sizeof ctx->when, "%s", scheduled);
	}
	return attendance_check(ctx);
}

static int apply_record(struct action_ctx *ctx)
{
	snprintf(ctx->summary, sizeof ctx->summary, "Family meeting held: %s",
		 vocab_title(VOCAB_MEETING_OUTCOME, form_str(ctx->in, "outcome")));
	if (meeting_record(ctx->db, ctx->ref, ctx->when, ctx->in, &ctx->err) != 0 ||
	    attendance_write(ctx, ctx->ref) != 0)
		return -1;
	/* A reconvened meeting starts the question of agreement afresh. */
	return case_set_no_agreement(ctx->db, ctx->case_id, NULL, NULL, NULL, &ctx->err);
}

static const struct stage_action RECORD = {ACT_RECORD_MEETING, MEETING_RECORD, prepare_record, apply_record};

int handle_meeting_record(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &RECORD);
	return 0;
}
