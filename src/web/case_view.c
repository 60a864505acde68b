/* case_view.c — building a case's view model (case_view.h). */
#include "case_view.h"
#include "plan_recipients.h"
#include "network_view.h"
#include "auth.h"
#include "../domain/access.h"
#include "../domain/datetime.h"
#include "../domain/form.h"
#include "../domain/vocab.h"
#include "../store/case_store.h"
#include "../store/closure_store.h"
#include "../store/meeting_store.h"
#include "../store/outbox_store.h"
#include "../store/people_store.h"
#include "../store/plan_store.h"

#include <stdio.h>
#include <string.h>

static json_t *time_or_null(int64_t t)
{
	if (!t)
		return json_null();
	char s[21];
	dt_format_utc(t, s);
	return json_string(s);
}

/* "Tue 3 Mar 2026, in 2 working days" and its like: the due date in words. */
static void due_words(struct app *app, const struct clock *c, int64_t now, char *out, size_t n)
{
	char day[40];
	int32_t due_day = dt_london_day(c->due_by), today = dt_london_day(now);
	dt_format_day_words(due_day, day, sizeof day);
	int wd = 0;
	struct err ignored;
	if (c->status == CLOCK_OVERDUE) {
		if (cal_working_days_between(&app->cal, due_day, today, &wd, &ignored) == 0 && wd > 0)
			snprintf(out, n, "was due %s, %d working day%s ago", day, wd, wd == 1 ? "" : "s");
		else
			snprintf(out, n, "was due %s", day);
	} else if (c->status == CLOCK_ON_TIME || c->status == CLOCK_DUE_SOON) {
		if (due_day == today)
			snprintf(out, n, "due today, %s", day);
		else if (cal_working_days_between(&app->cal, today, due_day, &wd, &ignored) == 0)
			snprintf(out, n, "due %s, in %d working day%s", day, wd, wd == 1 ? "" : "s");
		else
			snprintf(out, n, "due %s", day);
	} else {
		snprintf(out, n, "due %s", day);
	}
}

/* A meeting still to come that falls outside its window: the family
 * meeting 4 to 6 weeks from the consultation, a review 4 to 6 weeks from the
 * meeting (the policy's figures). A warning, never a refusal: the
 * coordinator may have good reason. */
static void window_warnings(struct app *app, const struct clock clocks[CLOCK_COUNT], int64_t now, json_t *meetings)
{
	size_t i;
	json_t *mt;
	json_array_foreach(meetings, i, mt) {
		if (form_str(mt, "held_at") || form_str(mt, "cancelled_at"))
			continue;
		bool review = strcmp(form_str(mt, "kind"), "review") == 0;
		const struct clock *c = &clocks[review ? CLOCK_REVIEW : CLOCK_MEETING];
		int64_t at = dt_instant_or_zero(form_str(mt, "scheduled_at"));
		char from[40], to[40], msg[400];
		if (at <= now) {
			snprintf(msg, sizeof msg, "The date of this %s has passed: record what happened, or arrange it again. "
				 "No invitations are sent for a date that has passed.", review ? "review" : "meeting");
			json_object_set_new(mt, "window_warning", json_string(msg));
			continue;
		}
		int fit = clock_window_fit(c, at);
		if (fit == 0)
			continue;
		dt_format_day_long(dt_london_day(c->due_from ? c->due_from : c->due_by), from, sizeof from);
		dt_format_day_long(dt_london_day(c->due_by), to, sizeof to);
		const struct policy *p = &app->policy;
		snprintf(msg, sizeof msg,
			 "This %s is %s the %d to %d weeks after the %s in which it should be held: from %s to %s.%s",
			 review ? "review" : "meeting", fit < 0 ? "earlier than" : "later than",
			 review ? p->review_min_weeks : p->meeting_min_weeks, review ? p->review_max_weeks : p->meeting_max_weeks,
			 review ? "family meeting" : "consultation", from, to,
			 fit < 0 ? " Check the family has time to prepare." : " Its deadline will be missed.");
		json_object_set_new(mt, "window_warning", json_string(msg));
	}
}

/* Each message's state in words, with a tag colour for the page. */
static void mail_states(const struct app *app, json_t *list)
{
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) {
		const char *st = form_str(o, "state");
		long tries = (long)form_int(o, "attempts", 0);
		const char *title = "Sent", *colour = "green";
		char detail[900] = "", when[64];
		if (strcmp(st, "sent") == 0) {
			dt_format_iso_words(form_str(o, "sent_at"), when, sizeof when);
			snprintf(detail, sizeof detail, "Sent %s", when);
		} else if (strcmp(st, "failed") == 0) {
			title = "Not sent", colour = "red";
			snprintf(detail, sizeof detail, "%s Send a letter instead, or check the address.",
				 form_str(o, "last_error") ? form_str(o, "last_error") : "");
		} else if (strcmp(st, "withdrawn") == 0) {
			title = "Not sent", colour = "grey";
			snprintf(detail, sizeof detail, "%s", form_str(o, "last_error") ? form_str(o, "last_error") : "");
		} else if (strcmp(st, "superseded") == 0) {
			title = "Replaced", colour = "grey";
			snprintf(detail, sizeof detail, "A newer message about the same meeting was sent instead.");
		} else if (strcmp(st, "sending") == 0) {
			title = "Sending", colour = "blue";
		} else if (tries > 0) {
			title = "Trying again", colour = "yellow";
			dt_format_iso_words(form_str(o, "next_attempt_at"), when, sizeof when);
			const char *why = form_str(o, "last_error") ? form_str(o, "last_error") : "";
			size_t len = strlen(why);
			snprintf(detail, sizeof detail, "Tried %ld time%s. %s%s Next try %s.", tries, tries == 1 ? "" : "s", why,
				 len && why[len - 1] != '.' ? "." : "", when);
		} else {
			title = "Waiting to send", colour = "grey";
			if (!app->mail)
				snprintf(detail, sizeof detail, "No mail server is set up for hearth, so it waits in the outbox.");
		}
		json_object_set_new(o, "state_title", json_string(title));
		json_object_set_new(o, "state_colour", json_string(colour));
		json_object_set_new(o, "state_detail", detail[0] ? json_string(detail) : json_null());
		const char *kind = form_str(o, "kind");
		json_object_set_new(o, "kind_title",
				    json_string(strcmp(kind, "invitation") == 0 ? "Invitation"
						: strcmp(kind, "invitation_cancel") == 0 ? "Cancellation"
						: strcmp(kind, "plan") == 0		  ? "The family plan"
											  : "Message"));
	}
}

static json_t *clocks_json(struct app *app, const struct clock clocks[CLOCK_COUNT], int64_t now);

json_t *clocks_view(struct app *app, const struct case_moments *m, int64_t now)
{
	struct clock clocks[CLOCK_COUNT];
	clocks_compute(&app->policy, &app->cal, m, now, clocks);
	return clocks_json(app, clocks, now);
}

static json_t *clocks_json(struct app *app, const struct clock clocks[CLOCK_COUNT], int64_t now)
{
	json_t *list = json_array();
	for (int i = 0; i < CLOCK_COUNT; i++) {
		const struct clock *c = &clocks[i];
		json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "clock", clock_slug(c->id), "title",
				      clock_title(c->id), "status", clock_status_slug(c->status),
				      "status_title", clock_status_title(c->status));
		json_object_set_new(o, "started_at", time_or_null(c->started_at));
		json_object_set_new(o, "due_from", time_or_null(c->due_from));
		json_object_set_new(o, "due_by", time_or_null(c->due_by));
		json_object_set_new(o, "met_at", time_or_null(c->met_at));
		if (c->due_by && c->status != CLOCK_ERROR) {
			char local[26], words[120];
			dt_format_london(c->due_by, local);
			json_object_set_new(o, "due_by_london", json_string(local));
			due_words(app, c, now, words, sizeof words);
			json_object_set_new(o, "due_in_words", json_string(words));
		} else {
			json_object_set_new(o, "due_by_london", json_null());
			json_object_set_new(o, "due_in_words", json_null());
		}
		json_object_set_new(o, "error", c->status == CLOCK_ERROR ? json_string(c->error) : json_null());
		json_array_append_new(list, o);
	}
	return list;
}

static int64_t when(const json_t *row, const char *key)
{
	return dt_instant_or_zero(json_string_value(json_object_get(row, key)));
}

void moments_from_row(const json_t *row, struct case_moments *m)
{
	memset(m, 0, sizeof *m);
	m->consultation_at = when(row, "consultation_at");
	m->allocated_at = when(row, "allocated_at");
	m->first_contact_at = when(row, "first_contact_at");
	m->meeting_held_at = when(row, "meeting_held_at");
	m->plan_distributed_at = when(row, "plan_distributed_at");
	m->review_held_at = when(row, "review_held_at");
	m->review_required = !json_is_null(json_object_get(row, "review_date")) ||
			     json_integer_value(json_object_get(row, "reviews")) > 0;
	m->closed_at = when(row, "closed_at");
	const char *stage = json_string_value(json_object_get(row, "stage"));
	if (stage && strcmp(stage, "not_accepted") == 0)
		m->closed_at = when(row, "screened_at");
	const char *outcome = json_string_value(json_object_get(row, "last_meeting_outcome"));
	if (outcome && strcmp(outcome, "plan_agreed") == 0 &&
	    json_integer_value(json_object_get(row, "last_plan_refused")) == 0)
		m->plan_meeting_at = when(row, "last_meeting_at");
}

json_t *next_clock(json_t *clocks)
{
	json_t *best = NULL;
	const char *best_due = NULL;
	bool best_overdue = false;
	size_t i;
	json_t *c;
	json_array_foreach(clocks, i, c) {
		const char *st = json_string_value(json_object_get(c, "status"));
		bool overdue = strcmp(st, "overdue") == 0;
		if (!overdue && strcmp(st, "on_time") != 0 && strcmp(st, "due_soon") != 0 &&
		    strcmp(st, "error") != 0)
			continue;
		const char *due = json_string_value(json_object_get(c, "due_by"));
		if (!best || (overdue && !best_overdue) ||
		    (overdue == best_overdue && due && (!best_due || strcmp(due, best_due) < 0))) {
			best = c;
			best_due = due;
			best_overdue = overdue;
		}
	}
	return best;
}

/* Puts "<key>_title" beside a coded value so no reader needs the code list. */
void view_title(json_t *o, const char *key, enum vocab v)
{
	const char *code = json_string_value(json_object_get(o, key));
	char k[80];
	snprintf(k, sizeof k, "%s_title", key);
	json_object_set_new(o, k, code ? json_string(vocab_title(v, code)) : json_null());
}

void view_title_all(json_t *list, const char *key, enum vocab v)
{
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) view_title(o, key, v);
}

int case_view(struct app *app, struct db *db, const char *id, int64_t now, json_t **out,
	      struct err *e)
{
	json_t *c = NULL, *part = NULL;
	struct case_facts f;
	struct case_moments m;
	*out = NULL;
	if (case_facts(db, id, now, &f, &m, e) != 0 || case_get(db, id, &c, e) != 0)
		return -1;
	if (!c)
		return err_set(e, ERR_NOT_FOUND, NULL, "There is no case with that reference.");
	json_object_set_new(c, "stage_title", json_string(stage_title(f.stage)));
	view_title(json_object_get(c, "consultation"), "reason_category", VOCAB_REASON_CATEGORY);
	view_title(json_object_get(c, "emergency"), "decision", VOCAB_EMERGENCY_DECISION);
	if (json_is_object(json_object_get(c, "first_contact")))
		view_title(json_object_get(c, "first_contact"), "method", VOCAB_CONTACT_METHOD);
	view_title(json_object_get(c, "preparation"), "child_wants_to_attend", VOCAB_CHILD_ATTENDANCE);
	json_t *ways = json_array(), *way;
	size_t w;
	json_array_foreach(json_object_get(json_object_get(c, "preparation"), "child_contribution"), w, way)
		json_array_append_new(ways, json_string(vocab_title(VOCAB_CHILD_CONTRIBUTION, json_string_value(way))));
	json_object_set_new(json_object_get(c, "preparation"), "child_contribution_titles", ways);
	if (json_is_object(json_object_get(c, "no_agreement")))
		view_title(json_object_get(c, "no_agreement"), "choice", VOCAB_NO_AGREEMENT);

	if (person_list(db, id, &part, e) != 0)
		goto fail;
	size_t k;
	json_t *person;
	json_array_foreach(part, k, person) network_person(person);
	json_object_set_new(c, "people", part);
	if (consent_list(db, id, &part, e) != 0)
		goto fail;
	view_title_all(part, "method", VOCAB_CONSENT_METHOD);
	json_object_set_new(c, "consents", part);
	json_object_set_new(c, "consent_summary",
			    json_pack("{s:i,s:i}", "parental_responsibility_holders", f.pr_holders,
				      "consented", f.pr_consented));
	if (meeting_list(db, id, &part, e) != 0)
		goto fail;
	view_title_all(part, "outcome", VOCAB_MEETING_OUTCOME);
	/* Computed once: for the meetings' windows and for the deadlines. */
	struct clock clocks[CLOCK_COUNT];
	clocks_compute(&app->policy, &app->cal, &m, now, clocks);
	window_warnings(app, clocks, now, part);
	json_object_set_new(c, "meetings", part);
	if (outbox_of_case(db, id, &part, e) != 0)
		goto fail;
	mail_states(app, part);
	json_object_set_new(c, "mail", part);
	if (plan_list(db, id, &part, e) != 0)
		goto fail;
	view_title_all(part, "referrer_decision", VOCAB_REFERRER_DECISION);
	size_t i;
	json_t *plan;
	json_array_foreach(part, i, plan) view_title_all(json_object_get(plan, "items"), "review_status", VOCAB_ACTION_STATUS);
	json_object_set_new(c, "plans", part);
	if (distribution_list(db, id, &part, e) != 0)
		goto fail;
	view_title_all(part, "method", VOCAB_SEND_METHOD);
	json_object_set_new(c, "distributions", part);
	json_object_set_new(c, "plan_recipients", plan_recipients(c));
	json_t *closure = json_object_get(c, "closure");
	if (json_is_object(closure)) {
		view_title(closure, "reason", VOCAB_CLOSURE_REASON);
		if (notification_list(db, id, &part, e) != 0)
			goto fail;
		view_title_all(part, "recipient_kind", VOCAB_RECIPIENT_KIND);
		view_title_all(part, "method", VOCAB_SEND_METHOD);
		json_object_set_new(closure, "notifications", part);
	}
	if (evaluation_list(db, id, &part, e) != 0)
		goto fail;
	view_title_all(part, "respondent_kind", VOCAB_RESPONDENT_KIND);
	json_object_set_new(c, "evaluations", part);

	json_object_set_new(c, "clocks", clocks_json(app, clocks, now));
	json_t *actions = json_array();
	for (int a = 0; a < ACT_COUNT; a++)
		if (sm_offered(&f, (enum action)a))
			json_array_append_new(actions, json_pack("{s:s,s:s}", "action", action_slug((enum action)a),
								 "title", action_title((enum action)a)));
	json_object_set_new(c, "next_actions", actions);
	*out = c;
	return 0;
fail:
	json_decref(c);
	return -1;
}

/* What a referrer's view keeps (allow-list: a new section stays hidden
 * from referrers until someone decides they need it). */
static const char *const REFERRER_KEEPS[] = {
	"id", "reference", "stage", "stage_title", "created_at", "updated_at", "team", "child", "referrer",
	"consultation", "emergency", "screening", "allocation", "no_agreement", "meetings", "plans",
	"plan_distributed_at", "closure", "clocks", "next_actions", NULL};

static bool kept(const char *key)
{
	for (int i = 0; REFERRER_KEEPS[i]; i++)
		if (strcmp(REFERRER_KEEPS[i], key) == 0)
			return true;
	return false;
}

void case_view_for(const struct principal *who, json_t *view)
{
	if (!who || !json_is_object(view))
		return;
	json_t *actions = json_object_get(view, "next_actions"), *mine = json_array();
	size_t i;
	json_t *a;
	json_array_foreach(actions, i, a) {
		const struct access_rule *rule = access_rule(json_string_value(json_object_get(a, "action")));
		if (access_decide(rule, who->signed_in, who->roles, who->relations, NULL) == ACCESS_ALLOW)
			json_array_append(mine, a);
	}
	json_object_set_new(view, "next_actions", mine);
	if (who->granted_role != ROLE_REFERRER)
		return;
	const char *key;
	void *tmp;
	json_object_foreach_safe(view, tmp, key, a) if (!kept(key)) json_object_del(view, key);
	json_array_foreach(json_object_get(view, "meetings"), i, a) json_object_del(a, "attendance");
	json_object_del(json_object_get(view, "closure"), "notifications");
}
