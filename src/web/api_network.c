/* api_network.c — the family network: a case's people and their details,
 * the relationships and households between them, finding someone already
 * recorded, and the genogram. Invitations and exclusions are in
 * api_invitations.c. */
#include "api.h"
#include "action.h"
#include "meeting_mail.h"
#include "../store/outbox_store.h"
#include "guard.h"
#include "case_view.h"
#include "network_view.h"
#include "../domain/datetime.h"
#include "../domain/network.h"
#include "../store/case_store.h"
#include "../store/network_store.h"
#include "../store/people_store.h"
#include "../util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A person's details, as adding and changing them both take. */
#define PERSON_DETAILS                                                                                        \
	{"known_as", F_STRING, false, "the name they like to be called", 200},                                 \
	{"dob", F_DATE, false, "their date of birth", .min = 1900, .max = 2099},                              \
	{"approx_age", F_INT, false, "their approximate age", .min = 0, .max = 120},                          \
	{"gender", F_CHOICE, false, "their gender", .vocab = VOCAB_GENDER},                                    \
	{"pronouns", F_STRING, false, "their pronouns", 40},                                                   \
	{"first_language", F_STRING, false, "their first language", 80},                                       \
	{"interpreter", F_CHOICE, false, "whether they need an interpreter", .vocab = VOCAB_INTERPRETER},      \
	{"interpreter_language", F_STRING, false, "the language or sign language to interpret", 80},           \
	{"religion_culture", F_TEXT, false, "their religion and culture", 2000},                               \
	{"accessibility", F_TEXT, false, "their accessibility needs", 2000},                                   \
	{"email", F_EMAIL, false, "their email address"},                                                      \
	{"phone", F_STRING, false, "their phone number", 40},                                                  \
	{"address", F_TEXT, false, "their address", 500},                                                      \
	{"address_confidential", F_BOOL, false, "whether their address is confidential"},                     \
	{"contact_restriction", F_CHOICE, false, "their contact restriction", .vocab = VOCAB_CONTACT_RESTRICTION}, \
	{"contact_restriction_note", F_TEXT, false, "what the contact restriction is based on", 2000},        \
	{"deceased", F_BOOL, false, "whether they have died"},                                                 \
	{"death_year", F_INT, false, "the year they died", .min = 1900, .max = 2200},                          \
	{"role", F_CHOICE, true, "the person's role", .vocab = VOCAB_PERSON_ROLE},                             \
	{"relationship", F_STRING, false, "their relationship to the child"},                                  \
	{"parental_responsibility", F_BOOL, true, "whether the person has parental responsibility"}

static const struct field_spec PERSON_NEW[] = {
	{"person_id", F_ID, false, "the person already recorded"},
	{"name", F_STRING, false, "the person's full name"},
	PERSON_DETAILS,
	{NULL}};

static const struct field_spec PERSON_CHANGE[] = {
	{"name", F_STRING, true, "the person's full name"},
	PERSON_DETAILS,
	{NULL}};

static void today(const struct action_ctx *ctx, char out[11])
{
	dt_format_date(dt_london_day(ctx->req->now), out);
}

static int prepare_new(struct action_ctx *ctx)
{
	const char *existing = form_str(ctx->in, "person_id");
	if (existing) {
		char member[33];
		json_t *p = NULL;
		/* Someone already recorded comes with their own details. */
		if (member_of(ctx->db, ctx->case_id, existing, member, &ctx->err) != 0)
			return -1;
		if (member[0]) {
			form_error(ctx->errors, "person_id", "This person is already on this case");
			return 0;
		}
		if (person_find(ctx->db, existing, &p, &ctx->err) != 0)
			return -1;
		if (!p) {
			form_error(ctx->errors, "person_id", "Choose a person from the search results");
			return 0;
		}
		snprintf(ctx->name, sizeof ctx->name, "%s", form_str(p, "name"));
		json_decref(p);
	} else if (!form_str(ctx->in, "name")) {
		form_error(ctx->errors, "name", "Enter the person's full name");
		return 0;
	} else {
		snprintf(ctx->name, sizeof ctx->name, "%s", form_str(ctx->in, "name"));
		char day[11];
		today(ctx, day);
		network_check_person(ctx->in, day, ctx->errors);
	}
	ctx->sm.person_has_pr = form_bool(ctx->in, "parental_responsibility");
	return 0;
}

static int apply_new(struct action_ctx *ctx)
{
	char id[33];
	snprintf(ctx->summary, sizeof ctx->summary, "%s added as %s%s", ctx->name,
		 vocab_title(VOCAB_PERSON_ROLE, form_str(ctx->in, "role")),
		 ctx->sm.person_has_pr ? ", with parental responsibility" : "");
	return person_insert(ctx->db, ctx->case_id, ctx->in, ctx->now, id, &ctx->err);
}

static const struct stage_action ADD_PERSON = {ACT_ADD_PERSON, PERSON_NEW, prepare_new, apply_new};

int handle_person_add(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &ADD_PERSON);
	return 0;
}

/* The member named by the address (:pid) into *out, or a 404. */
static int member_at(struct action_ctx *ctx, json_t **out)
{
	const char *pid = http_param(ctx->req, "pid");
	*out = NULL;
	if (form_is_id(pid) && person_get(ctx->db, ctx->case_id, pid, out, &ctx->err) != 0)
		return -1;
	if (!*out)
		return err_set(&ctx->err, ERR_NOT_FOUND, NULL, "There is no such person on this case.");
	return 0;
}

static int prepare_change(struct action_ctx *ctx)
{
	json_t *p;
	if (member_at(ctx, &p) != 0)
		return -1;
	char day[11];
	today(ctx, day);
	network_check_person(ctx->in, day, ctx->errors);
	if (form_bool(p, "subject") && strcmp(form_str(ctx->in, "role"), "child") != 0)
		form_error(ctx->errors, "role", "The child the meeting is about keeps the role \"Child or young person\"");
	/* Newly given parental responsibility: they must consent too. */
	ctx->sm.person_has_pr = form_bool(ctx->in, "parental_responsibility") &&
				!form_bool(p, "parental_responsibility");
	snprintf(ctx->ref, sizeof ctx->ref, "%s", form_str(p, "person_id"));
	snprintf(ctx->name, sizeof ctx->name, "%s", form_str(ctx->in, "name"));
	/* A restriction recorded, or a death, after someone was invited: the
	 * invitation cannot stand (on any case they are on). */
	struct safety_facts now = {.name = ctx->name, .restriction = form_str(ctx->in, "contact_restriction"),
				   .deceased = form_bool(ctx->in, "deceased")};
	bool barred = safety_may_send(&now, SEND_INVITATION, NULL, NULL) != 0;
	ctx->scratch = json_pack("{s:b,s:b}", "barred", barred, "was_invited", form_bool(p, "invited"));
	json_decref(p);
	return 0;
}

static int apply_change(struct action_ctx *ctx)
{
	bool withdraw = form_bool(ctx->scratch, "barred");
	snprintf(ctx->summary, sizeof ctx->summary, "%s's details changed%s", ctx->name,
		 withdraw && form_bool(ctx->scratch, "was_invited")
			 ? ". Their invitation is withdrawn: they can no longer be invited."
			 : "");
	if (person_update(ctx->db, ctx->ref, ctx->in, ctx->now, &ctx->err) != 0 ||
	    member_update(ctx->db, ctx->case_id, http_param(ctx->req, "pid"), ctx->in, &ctx->err) != 0)
		return -1;
	if (withdraw && (member_withdraw_everywhere(ctx->db, ctx->ref, &ctx->err) != 0 ||
			 outbox_withdraw(ctx->db, ctx->ref, NULL, "Not sent: a contact restriction or death was recorded before it went.",
					 &ctx->err) != 0))
		return -1;
	/* A new address for someone invited: their invitation can now go by e-mail. */
	return meeting_mail_sync(ctx, "family", NULL, INVITE_LIST_CHANGED) != 0 ||
			       meeting_mail_sync(ctx, "review", NULL, INVITE_LIST_CHANGED) != 0
		       ? -1
		       : 0;
}

static const struct stage_action CHANGE_PERSON = {ACT_CHANGE_PERSON, PERSON_CHANGE, prepare_change, apply_change};

int handle_person_change(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &CHANGE_PERSON);
	return 0;
}

static const struct field_spec RELATIONSHIP[] = {
	{"a", F_ID, true, "the first person"},
	{"kind", F_CHOICE, true, "how they are related", .vocab = VOCAB_RELATIONSHIP},
	{"b", F_ID, true, "the second person"},
	{"start_year", F_INT, false, "the year they got together", .min = 1900, .max = 2200},
	{"end_year", F_INT, false, "the year they separated", .min = 1900, .max = 2200},
	{"agency", F_STRING, false, "the professional's agency", 200},
	{"professional_role", F_STRING, false, "the professional's role", 200},
	{NULL}};

static int prepare_relationship(struct action_ctx *ctx)
{
	json_t *a = NULL, *b = NULL;
	int rc = -1;
	if (action_person(ctx, form_str(ctx->in, "a"), "a", &a) != 0 ||
	    action_person(ctx, form_str(ctx->in, "b"), "b", &b) != 0)
		goto out;
	char kind[32] = "";
	if (a && b && relationship_between(ctx->db, form_str(a, "person_id"), form_str(b, "person_id"), kind,
					   &ctx->err) != 0)
		goto out;
	network_check_relationship(ctx->in, kind, ctx->errors);
	if (a && b) {
		json_t *pair = json_pack("[s,s]", form_str(a, "person_id"), form_str(b, "person_id"));
		ctx->scratch = pair;
		snprintf(ctx->summary, sizeof ctx->summary, "Relationship recorded: %s is %s of %s",
			 form_str(a, "name"), vocab_title(VOCAB_RELATIONSHIP, form_str(ctx->in, "kind")),
			 form_str(b, "name"));
	}
	rc = 0;
out:
	json_decref(a);
	json_decref(b);
	return rc;
}

static int apply_relationship(struct action_ctx *ctx)
{
	char id[33];
	return relationship_insert(ctx->db, json_string_value(json_array_get(ctx->scratch, 0)),
				   json_string_value(json_array_get(ctx->scratch, 1)), ctx->in, ctx->now, id,
				   &ctx->err);
}

static const struct stage_action ADD_RELATIONSHIP = {ACT_ADD_RELATIONSHIP, RELATIONSHIP,
						     prepare_relationship, apply_relationship};

int handle_relationship_add(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &ADD_RELATIONSHIP);
	return 0;
}

static const struct field_spec NOTHING[] = {{NULL}};

static int prepare_unrelate(struct action_ctx *ctx)
{
	const char *rid = http_param(ctx->req, "rid");
	json_t *r = NULL;
	if (form_is_id(rid) && relationship_get(ctx->db, ctx->case_id, rid, &r, &ctx->err) != 0)
		return -1;
	if (!r)
		return err_set(&ctx->err, ERR_NOT_FOUND, NULL, "There is no such relationship on this case.");
	snprintf(ctx->summary, sizeof ctx->summary, "Relationship removed: %s was recorded as %s of %s",
		 form_str(r, "a_name"), vocab_title(VOCAB_RELATIONSHIP, form_str(r, "kind")), form_str(r, "b_name"));
	json_decref(r);
	return 0;
}

static int apply_unrelate(struct action_ctx *ctx)
{
	return relationship_delete(ctx->db, http_param(ctx->req, "rid"), &ctx->err);
}

static const struct stage_action REMOVE_RELATIONSHIP = {ACT_REMOVE_RELATIONSHIP, NOTHING, prepare_unrelate,
							apply_unrelate};

int handle_relationship_remove(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &REMOVE_RELATIONSHIP);
	return 0;
}

static const struct field_spec HOUSEHOLD[] = {
	{"household_id", F_ID, false, "the household"},
	{"label", F_STRING, true, "the household's name", 200},
	{"members", F_IDS, false, "who lives there"},
	{NULL}};

/* members: the member ids (checked to be on the case) -> person ids in scratch. */
static int prepare_household(struct action_ctx *ctx)
{
	const char *hid = form_str(ctx->in, "household_id");
	if (hid) {
		char label[200];
		if (household_get(ctx->db, ctx->case_id, hid, label, &ctx->err) != 0)
			return -1;
		if (!label[0])
			form_error(ctx->errors, "household_id", "Choose a household of someone on this case");
	}
	if (!hid && json_array_size(json_object_get(ctx->in, "members")) == 0)
		form_error(ctx->errors, "members", "Select who lives in this household");
	/* Two households of one name on a case could not be told apart. */
	json_t *homes = NULL;
	if (household_list(ctx->db, ctx->case_id, &homes, &ctx->err) != 0)
		return -1;
	char want[400], have[400];
	case_fold(form_str(ctx->in, "label"), want, sizeof want);
	size_t k;
	json_t *h;
	json_array_foreach(homes, k, h) {
		case_fold(form_str(h, "label"), have, sizeof have);
		if (strcmp(want, have) == 0 && (!hid || strcmp(hid, form_str(h, "id")) != 0)) {
			form_error(ctx->errors, "label", "There is already a household of that name on this case: choose it from the list to change it, or give this one another name");
			break;
		}
	}
	json_decref(homes);
	json_t *all = NULL;
	if (person_list(ctx->db, ctx->case_id, &all, &ctx->err) != 0)
		return -1;
	/* [[person id, member id, in the household after this?]] for everyone on the case */
	json_t *plan = json_array(), *wanted = json_object_get(ctx->in, "members");
	size_t i, j;
	json_t *p, *m;
	json_array_foreach(wanted, j, m) {
		bool found = false;
		json_array_foreach(all, i, p) found = found || strcmp(form_str(p, "id"), json_string_value(m)) == 0;
		if (!found) {
			form_error(ctx->errors, "members", "Choose people who are recorded on this case");
			break;
		}
	}
	json_array_foreach(all, i, p) {
		bool in = false;
		json_array_foreach(wanted, j, m) in = in || strcmp(form_str(p, "id"), json_string_value(m)) == 0;
		const char *now_in = form_str(p, "household_id");
		bool was = hid && now_in && strcmp(now_in, hid) == 0;
		if (in || was)
			json_array_append_new(plan, json_pack("[s,b]", form_str(p, "person_id"), in));
	}
	json_decref(all);
	ctx->scratch = plan;
	snprintf(ctx->summary, sizeof ctx->summary, "Household \"%s\" recorded with %zu %s",
		 form_str(ctx->in, "label"), json_array_size(wanted), json_array_size(wanted) == 1 ? "person" : "people");
	return 0;
}

static int apply_household(struct action_ctx *ctx)
{
	char id[33];
	const char *hid = form_str(ctx->in, "household_id");
	if (hid) {
		if (household_rename(ctx->db, hid, form_str(ctx->in, "label"), &ctx->err) != 0)
			return -1;
		snprintf(id, sizeof id, "%s", hid);
	} else if (household_create(ctx->db, form_str(ctx->in, "label"), ctx->now, id, &ctx->err) != 0) {
		return -1;
	}
	size_t i;
	json_t *step;
	json_array_foreach(ctx->scratch, i, step) {
		bool in = json_is_true(json_array_get(step, 1));
		if (household_move(ctx->db, json_string_value(json_array_get(step, 0)), in ? id : NULL, &ctx->err) != 0)
			return -1;
	}
	return 0;
}

static const struct stage_action SET_HOUSEHOLD = {ACT_SET_HOUSEHOLD, HOUSEHOLD, prepare_household,
						  apply_household};

int handle_household(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &SET_HOUSEHOLD);
	return 0;
}

/* Reading the network: the case view with it, and one person's. */
static int network_answer(struct app *app, const struct request *req, struct response *res, bool one)
{
	const char *id = http_param(req, "id");
	struct err e = {0};
	json_t *view = NULL;
	if (!form_is_id(id)) {
		http_error(res, 404, NULL, "There is no case with that reference.");
		return 0;
	}
	struct db *db = db_pool_get(app->pool);
	int rc = network_view(app, db, id, req->now, &view, &e);
	db_pool_put(app->pool, db);
	if (rc == 0 && one) {
		json_t *person = form_find(json_object_get(view, "people"), "id", http_param(req, "pid"));
		if (!person)
			rc = err_set(&e, ERR_NOT_FOUND, NULL, "There is no such person on this case.");
		else
			json_object_set(view, "person", person);
	}
	if (rc != 0)
		respond_err(res, &e);
	else {
		case_view_for(req->who, view);
		http_json(res, 200, view);
	}
	json_decref(view);
	return 0;
}

int handle_network_get(struct app *app, const struct request *req, struct response *res)
{
	return network_answer(app, req, res, false);
}

int handle_network_person(struct app *app, const struct request *req, struct response *res)
{
	return network_answer(app, req, res, true);
}

int handle_genogram(struct app *app, const struct request *req, struct response *res)
{
	const char *id = http_param(req, "id");
	if (!form_is_id(id)) {
		http_error(res, 404, NULL, "There is no case with that reference.");
		return 0;
	}
	struct err e = {0};
	struct buf svg;
	buf_init(&svg);
	struct db *db = db_pool_get(app->pool);
	int rc = network_genogram(db, id, &svg, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
	} else {
		res->status = 200;
		res->content_type = "image/svg+xml; charset=utf-8";
		buf_append(&res->body, svg.data, svg.len);
	}
	buf_free(&svg);
	return 0;
}

int handle_people_search(struct app *app, const struct request *req, struct response *res)
{
	const char *q = http_query(req, "q");
	if (!q || utf8_chars(q) < 2 || utf8_chars(q) > 100) {
		http_error(res, 422, "q", "Enter between 2 and 100 characters of the person's name");
		return 0;
	}
	struct case_visibility see;
	guard_visibility(req->who, &see);
	struct err e = {0};
	json_t *people = NULL;
	struct db *db = db_pool_get(app->pool);
	int rc = person_search(db, q, &see, &people, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
		return 0;
	}
	json_t *out = json_pack("{s:s,s:o}", "q", q, "people", people);
	http_json(res, 200, out);
	json_decref(out);
	return 0;
}
