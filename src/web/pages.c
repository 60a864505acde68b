/* pages.c — data pages need beyond their handler's JSON (pages.h). */
#include "pages.h"
#include "page.h"
#include "../domain/datetime.h"
#include "../domain/letters.h"
#include "../domain/safety.h"
#include "network_view.h"
#include "../domain/stages.h"
#include "../domain/vocab.h"
#include "../util/buf.h"

#include <sodium.h>
#include "../store/user_store.h"
#include "../store/venue_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int page_teams(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	(void)req;
	json_t *teams;
	struct db *db = db_pool_get(app->pool);
	int rc = team_list(db, &teams, e);
	db_pool_put(app->pool, db);
	if (rc == 0)
		json_object_set_new(ctx, "teams", teams);
	return rc;
}

const char *page_action_href(const char *action, const char *id, char *out, size_t n)
{
	for (size_t i = 0; i < routes_count; i++) {
		const struct route *rt = &routes[i];
		if (!rt->page || strcmp(rt->method, "GET") == 0 || strcmp(rt->action, action) != 0 ||
		    strncmp(rt->pattern, "/cases/:id", 10) != 0 || strchr(rt->pattern + 10, ':'))
			continue;
		snprintf(out, n, "/cases/%s%s", id, rt->pattern + 10);
		return out;
	}
	return NULL;
}

static const char *str(const json_t *obj, const char *path)
{
	char key[64];
	const json_t *v = obj;
	while (v && *path) {
		const char *dot = strchr(path, '.');
		size_t len = dot ? (size_t)(dot - path) : strlen(path);
		snprintf(key, sizeof key, "%.*s", (int)len, path);
		v = json_object_get(v, key);
		path += len + (dot != NULL);
	}
	return json_string_value(v);
}

/* The stages of a case as a GOV.UK task list. Each task is done, under
 * way, open to this person (a link), or not yet possible. */
struct task_def {
	const char *title;
	const char *actions[4]; /* the actions that belong to it, main first */
};

static const struct task_def TASKS[] = {
	{"Screen the consultation", {"screen", "emergency_decision"}},
	{"Consent from everyone with parental responsibility", {"record_consent", "add_person"}},
	{"Allocate a coordinator", {"allocate"}},
	{"First contact with the family", {"first_contact"}},
	{"Prepare the family and the child", {"update_preparation"}},
	{"Family meeting", {"schedule_meeting", "record_meeting"}},
	{"Family plan", {"record_plan", "referrer_decision", "validate_plan", "no_agreement_decision"}},
	{"Send out the plan", {"record_distribution", "complete_distribution"}},
	{"Review meeting", {"schedule_review", "record_review"}},
	{"Close the case", {"close", "record_notification", "record_evaluation"}},
};

static void words(const char *iso, char *out, size_t n)
{
	out[0] = '\0';
	if (iso)
		dt_format_iso_words(iso, out, n);
}

static bool meeting_of(const json_t *view, const char *kind, bool held)
{
	size_t i;
	const json_t *m;
	json_array_foreach(json_object_get(view, "meetings"), i, m) {
		if (strcmp(str(m, "kind") ? str(m, "kind") : "", kind) != 0)
			continue;
		if (!held || str(m, "held_at"))
			return true;
	}
	return false;
}

/* done: 2, under way: 1, not started: 0; hint gets what a manager would
 * want to see at a glance. */
static int task_state(size_t t, const json_t *v, char *hint, size_t n)
{
	char w[64];
	hint[0] = '\0';
	switch (t) {
	case 0:
		if (str(v, "screening.at")) {
			words(str(v, "screening.at"), w, sizeof w);
			snprintf(hint, n, "Screened by %s, %s", str(v, "screening.by_name") ? str(v, "screening.by_name") : "",
				 w);
			return 2;
		}
		return 0;
	case 1: {
		json_t *cs = json_object_get(v, "consent_summary");
		long holders = json_integer_value(json_object_get(cs, "parental_responsibility_holders"));
		long given = json_integer_value(json_object_get(cs, "consented"));
		if (holders == 0)
			return 0;
		snprintf(hint, n, "%ld of %ld with parental responsibility consented", given, holders);
		return given >= holders ? 2 : given > 0 ? 1 : 0;
	}
	case 2:
		if (str(v, "allocation.coordinator_name")) {
			snprintf(hint, n, "%s", str(v, "allocation.coordinator_name"));
			return 2;
		}
		return 0;
	case 3:
		if (str(v, "first_contact.at")) {
			words(str(v, "first_contact.at"), w, sizeof w);
			snprintf(hint, n, "%s", w);
			return 2;
		}
		return 0;
	case 4:
		return str(v, "preparation.child_wants_to_attend") ? 2 : 0;
	case 5:
		if (meeting_of(v, "family", true))
			return 2;
		return meeting_of(v, "family", false) ? 1 : 0;
	case 6: {
		/* Say who the plan is waiting for, so nobody wonders why the
		 * next step cannot start. */
		json_t *plans = json_object_get(v, "plans");
		json_t *plan = json_array_get(plans, json_array_size(plans) - 1);
		if (!plan)
			return 0;
		const char *decision = str(plan, "referrer_decision");
		if (!decision)
			snprintf(hint, n, "Waiting for the referrer to agree the plan");
		else if (strcmp(decision, "agreed") == 0 && !str(plan, "validated_at"))
			snprintf(hint, n, "Agreed by the referrer; waiting for a manager to validate it");
		else if (strcmp(decision, "agreed") == 0)
			snprintf(hint, n, "Agreed and validated");
		return 2;
	}
	case 7:
		if (str(v, "plan_distributed_at"))
			return 2;
		return json_array_size(json_object_get(v, "distributions")) > 0 ? 1 : 0;
	case 8:
		if (meeting_of(v, "review", true))
			return 2;
		return meeting_of(v, "review", false) ? 1 : 0;
	case 9:
		return json_object_get(v, "closure") && !json_is_null(json_object_get(v, "closure")) ? 2 : 0;
	}
	return 0;
}

static json_t *tasks_of(const json_t *view, const json_t *can, const char *id)
{
	json_t *list = json_array();
	bool closed = json_object_get(view, "closure") && !json_is_null(json_object_get(view, "closure"));
	for (size_t t = 0; t < sizeof TASKS / sizeof *TASKS; t++) {
		char hint[200], href[200];
		int state = task_state(t, view, hint, sizeof hint);
		/* The link goes to what moves the task on: its first step when
		 * not started or done (to change it), its last open step when
		 * under way (record the meeting that has been arranged). */
		const char *link = NULL;
		for (size_t a = 0; a < 4 && TASKS[t].actions[a]; a++)
			if (json_object_get(can, TASKS[t].actions[a]) && (!link || state == 1))
				link = page_action_href(TASKS[t].actions[a], id, href, sizeof href);
		json_t *task = json_pack("{s:{s:s}}", "title", "text", TASKS[t].title);
		if (hint[0])
			json_object_set_new(task, "hint", json_pack("{s:s}", "text", hint));
		if (link)
			json_object_set_new(task, "href", json_string(link));
		json_t *status;
		if (state == 2)
			status = json_pack("{s:s}", "text", "Completed");
		else if (state == 1 || (link && state == 0 && json_object_get(can, TASKS[t].actions[0])))
			status = json_pack("{s:{s:s,s:s}}", "tag", "text", state == 1 ? "In progress" : "Not yet started",
					   "classes", state == 1 ? "govuk-tag--light-blue" : "govuk-tag--blue");
		else
			status = json_pack("{s:s,s:s}", "text", closed ? "Not needed" : "Cannot start yet", "classes",
					   "govuk-task-list__status--cannot-start-yet");
		json_object_set_new(task, "status", status);
		json_array_append_new(list, task);
	}
	return list;
}

/* The closure letters to print once the case is closed: the referrer's,
 * then one for each person on the case the safety rule allows a letter
 * (the handler refuses the others too). Empty for a reader who cannot see
 * the case's people. */
static json_t *closure_letters(const json_t *view, const char *id)
{
	json_t *list = json_array();
	if (!str(json_object_get(view, "closure"), "reason") || !json_is_array(json_object_get(view, "people")))
		return list;
	char href[160];
	const json_t *referrer = json_object_get(view, "referrer");
	if (str(referrer, "name")) {
		snprintf(href, sizeof href, "/api/cases/%s/closure/letters/referrer", id);
		json_array_append_new(list, json_pack("{s:s,s:s,s:s}", "name", str(referrer, "name"), "kind", "Referrer",
						      "href", href));
	}
	size_t i;
	const json_t *p;
	json_array_foreach(json_object_get(view, "people"), i, p) {
		struct safety_facts f = network_safety_facts(p);
		if (!str(p, "id") || !str(p, "name") || safety_may_send(&f, SEND_LETTER, NULL, NULL) != 0)
			continue;
		snprintf(href, sizeof href, "/api/cases/%s/closure/letters/%s", id, str(p, "id"));
		enum letter_audience a = letter_audience_of_role(str(p, "role"));
		json_array_append_new(list, json_pack("{s:s,s:s,s:s}", "name", str(p, "name"), "kind",
						      vocab_title(VOCAB_RECIPIENT_KIND, letter_audience_code(a)), "href", href));
	}
	return list;
}

int page_case(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	(void)app, (void)e;
	json_t *view = json_object_get(ctx, "model");
	const char *id = http_param(req, "id");
	if (!json_is_object(view) || !id)
		return 0;
	json_t *can = json_object(), *actions = json_array();
	size_t i;
	const json_t *a;
	json_array_foreach(json_object_get(view, "next_actions"), i, a) {
		const char *code = str(a, "action");
		char href[200];
		if (!code)
			continue;
		json_object_set_new(can, code, json_true());
		/* The network's steps have pages of their own, linked from the case. */
		if (page_action_href(code, id, href, sizeof href) && !strstr(href, "/network") &&
		    !strstr(href, "/invitations"))
			json_array_append_new(actions, json_pack("{s:s,s:s}", "text", str(a, "title"), "href", href));
	}
	char back[64];
	snprintf(back, sizeof back, "/cases/%s", id);
	json_object_set_new(ctx, "case_href", json_string(back));
	/* The plan in force: the latest version. */
	json_t *plans = json_object_get(view, "plans");
	json_object_set(ctx, "latest_plan", json_array_size(plans) ? json_array_get(plans, json_array_size(plans) - 1)
								  : json_null());
	if (json_array_size(plans)) {
		char doc[96];
		snprintf(doc, sizeof doc, "/api/cases/%s/plans/%" JSON_INTEGER_FORMAT "/document", id,
			 json_integer_value(json_object_get(json_array_get(plans, json_array_size(plans) - 1), "version")));
		json_object_set_new(ctx, "plan_document_href", json_string(doc));
	}
	json_object_set_new(ctx, "closure_letters", closure_letters(view, id));
	bool can_email_any = false;
	json_array_foreach(json_object_get(view, "plan_recipients"), i, a)
		can_email_any = can_email_any || json_is_true(json_object_get(a, "can_email"));
	json_object_set_new(ctx, "can_email_any", json_boolean(can_email_any));
	json_t *tasks = tasks_of(view, can, id);
	page_number(tasks);
	json_object_set_new(ctx, "tasks", tasks);
	json_object_set_new(ctx, "can", can);
	json_object_set_new(ctx, "actions", actions);
	/* People who may give consent: those with parental responsibility. */
	json_t *pr = json_array();
	const json_t *p;
	json_array_foreach(json_object_get(view, "people"), i, p)
		if (json_is_true(json_object_get(p, "parental_responsibility")))
			json_array_append(pr, (json_t *)p);
	json_object_set_new(ctx, "pr_holders", pr);
	return 0;
}

int page_coordinators(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	json_t *list;
	struct db *db = db_pool_get(app->pool);
	int rc = user_list(db, "coordinator", false, &list, e);
	db_pool_put(app->pool, db);
	if (rc != 0)
		return -1;
	json_object_set_new(ctx, "coordinators", list);
	return page_case(app, req, ctx, e);
}

bool page_consent_refused(const json_t *form)
{
	const char *m = json_string_value(json_object_get(form, "to_meeting"));
	const char *s = json_string_value(json_object_get(form, "to_sharing"));
	return (m && strcmp(m, "no") == 0) || (s && strcmp(s, "no") == 0);
}

/* "/cases?q=…&stage=…&page=N", the search kept (percent-encoded). */
static json_t *page_href(const struct request *req, long page)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "/cases?");
	static const char *const keep[] = {"q", "stage", "overdue", "open"};
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
		const char *v = http_query(req, keep[i]);
		if (!v || !*v)
			continue;
		buf_printf(&b, "%s=", keep[i]);
		for (const unsigned char *c = (const unsigned char *)v; *c; c++) {
			if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
			    *c == '-' || *c == '_' || *c == '.')
				buf_append(&b, (const char *)c, 1);
			else
				buf_printf(&b, "%%%02X", *c);
		}
		buf_puts(&b, "&");
	}
	buf_printf(&b, "page=%ld", page);
	json_t *s = json_string(b.data);
	buf_free(&b);
	return s;
}

int page_cases(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	(void)app, (void)e;
	json_t *stages = json_array();
	for (int s = 0; s < STAGE_COUNT; s++)
		json_array_append_new(stages, json_pack("{s:s,s:s}", "stage", stage_slug((enum stage)s), "title",
							stage_title((enum stage)s)));
	json_object_set_new(ctx, "stages", stages);
	json_t *model = json_object_get(ctx, "model");
	long page = (long)json_integer_value(json_object_get(model, "page"));
	long pages = (long)json_integer_value(json_object_get(model, "total_pages"));
	if (pages <= 1)
		return 0;
	/* GOV.UK pagination: first, last, and the pages around this one. */
	json_t *items = json_array();
	bool gap = false;
	for (long p = 1; p <= pages; p++) {
		if (p == 1 || p == pages || (p >= page - 1 && p <= page + 1)) {
			json_t *it = json_pack("{s:I,s:o}", "number", (json_int_t)p, "href", page_href(req, p));
			if (p == page)
				json_object_set_new(it, "current", json_true());
			json_array_append_new(items, it);
			gap = false;
		} else if (!gap) {
			json_array_append_new(items, json_pack("{s:b}", "ellipsis", 1));
			gap = true;
		}
	}
	page_number(items);
	json_t *paging = json_pack("{s:o}", "items", items);
	if (page > 1)
		json_object_set_new(paging, "previous", json_pack("{s:o}", "href", page_href(req, page - 1)));
	if (page < pages)
		json_object_set_new(paging, "next", json_pack("{s:o}", "href", page_href(req, page + 1)));
	json_object_set_new(model, "paging", paging);
	return 0;
}

int page_timeline(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	(void)app, (void)e;
	char back[64];
	snprintf(back, sizeof back, "/cases/%s", http_param(req, "id") ? http_param(req, "id") : "");
	json_object_set_new(ctx, "back", json_string(back));
	return 0;
}

/* values[key] from a record's value, in the form's own shape. */
static void prefill_put(json_t *values, const char *key, const json_t *v)
{
	char k[160], tmp[32];
	if (json_is_true(v) || json_is_false(v)) {
		json_object_set_new(values, key, json_string(json_is_true(v) ? "yes" : "no"));
		return;
	}
	if (json_is_integer(v)) {
		snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
		json_object_set_new(values, key, json_string(tmp));
		return;
	}
	const char *s = json_string_value(v);
	if (!s)
		return;
	int32_t day;
	int64_t t;
	int y, m, d;
	bool is_date = strlen(s) == 10 && dt_parse_date(s, &day) == 0;
	bool is_time = !is_date && strlen(s) >= 20 && s[10] == 'T' && dt_parse_datetime(s, &t) == 0;
	if (!is_date && !is_time) {
		json_object_set_new(values, key, json_string(s));
		return;
	}
	int64_t local = 0;
	if (is_time) {
		local = dt_utc_to_london(t);
		day = (int32_t)(local / DT_SECONDS_PER_DAY - (local % DT_SECONDS_PER_DAY < 0));
	}
	dt_civil_from_days(day, &y, &m, &d);
	/* "born" -> "born-day"; a row's "items[0][by_when]" -> "items[0][by_when-day]". */
	size_t base = strlen(key);
	const char *close = base && key[base - 1] == ']' ? "]" : "";
	base -= strlen(close);
	static const char *const part[] = {"-day", "-month", "-year"};
	int nums[] = {d, m, y};
	for (int i = 0; i < 3; i++) {
		snprintf(k, sizeof k, "%.*s%s%s", (int)base, key, part[i], close);
		snprintf(tmp, sizeof tmp, "%d", nums[i]);
		json_object_set_new(values, k, json_string(tmp));
	}
	if (is_time) {
		int64_t secs = local - (int64_t)day * DT_SECONDS_PER_DAY;
		snprintf(k, sizeof k, "%.*s-time%s", (int)base, key, close);
		snprintf(tmp, sizeof tmp, "%02d:%02d", (int)(secs / 3600), (int)(secs / 60 % 60));
		json_object_set_new(values, k, json_string(tmp));
	}
}

static void prefill_all(const json_t *obj, json_t *values)
{
	const char *k;
	const json_t *v;
	json_object_foreach((json_t *)obj, k, v)
		prefill_put(values, k, v);
}

void page_prefill_consultation(const json_t *model, json_t *values)
{
	prefill_all(json_object_get(model, "consultation"), values);
	json_t *c = json_object_get(model, "consultation");
	prefill_put(values, "consultation_at", json_object_get(c, "at"));
	json_object_del(values, "at-day");
	json_object_del(values, "at-month");
	json_object_del(values, "at-year");
	json_object_del(values, "at-time");
	json_t *em = json_object_get(model, "emergency");
	prefill_put(values, "emergency", json_object_get(em, "requested"));
	prefill_put(values, "emergency_reason", json_object_get(em, "reason"));
	prefill_put(values, "child_name", json_object_get(json_object_get(model, "child"), "name"));
	prefill_put(values, "child_dob", json_object_get(json_object_get(model, "child"), "date_of_birth"));
	json_t *r = json_object_get(model, "referrer");
	static const char *const who[] = {"name", "role", "organisation", "email", "phone"};
	for (size_t i = 0; i < sizeof who / sizeof *who; i++) {
		char key[40];
		snprintf(key, sizeof key, "referrer_%s", who[i]);
		prefill_put(values, key, json_object_get(r, who[i]));
	}
}

void page_prefill_preparation(const json_t *model, json_t *values)
{
	prefill_all(json_object_get(model, "preparation"), values);
	json_t *ways = json_object_get(json_object_get(model, "preparation"), "child_contribution");
	if (json_is_array(ways))
		json_object_set(values, "child_contribution", ways);
}

void page_prefill_person(const json_t *model, json_t *values)
{
	prefill_all(json_object_get(model, "person"), values);
}

int page_preparation(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	json_t *ways = json_object_get(json_object_get(ctx, "choices"), "child_contribution");
	json_object_set_new(ctx, "contribution_options",
			    page_options(ways, json_object_get(json_object_get(ctx, "values"), "child_contribution")));
	return page_case(app, req, ctx, e);
}

void page_prefill_plan(const json_t *model, json_t *values)
{
	json_t *plans = json_object_get(model, "plans");
	json_t *plan = json_array_get(plans, json_array_size(plans) - 1);
	if (!plan)
		return;
	static const char *const keep[] = {"monitoring", "monitored_by", "contingency", "review_date"};
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
		prefill_put(values, keep[i], json_object_get(plan, keep[i]));
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(plan, "items"), i, item) {
		static const char *const cols[] = {"concern", "action", "who", "by_when", "support"};
		for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
			char key[64];
			snprintf(key, sizeof key, "items[%zu][%s]", i, cols[c]);
			prefill_put(values, key, json_object_get(item, cols[c]));
		}
	}
}

int page_qr_image(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	(void)app, (void)req, (void)e;
	const char *svg = json_string_value(json_object_get(json_object_get(ctx, "model"), "qr_svg"));
	if (!svg)
		return 0;
	size_t len = strlen(svg);
	size_t n = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xmalloc(n);
	sodium_bin2base64(b64, n, (const unsigned char *)svg, len, sodium_base64_VARIANT_ORIGINAL);
	struct buf src;
	buf_init(&src);
	buf_printf(&src, "data:image/svg+xml;base64,%s", b64);
	json_object_set_new(ctx, "qr_src", json_string(src.data));
	buf_free(&src);
	free(b64);
	return 0;
}

void page_prefill_all(const json_t *model, json_t *values)
{
	prefill_all(model, values);
}

void page_prefill_account(const json_t *model, json_t *values)
{
	static const char *const keep[] = {"name", "team_id", "active"};
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
		prefill_put(values, keep[i], json_object_get(model, keep[i]));
	json_t *roles = json_object_get(model, "roles");
	if (json_is_array(roles))
		json_object_set(values, "roles", roles);
}

int page_account_form(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	if (page_teams(app, req, ctx, e) != 0)
		return -1;
	json_t *typed = json_object_get(json_object_get(ctx, "values"), "roles");
	json_t *options = json_array();
	for (const char *const *c = vocab_codes(VOCAB_ROLE); *c; c++) {
		bool on = false;
		if (json_is_string(typed))
			on = strcmp(json_string_value(typed), *c) == 0;
		size_t i;
		json_t *r;
		json_array_foreach(typed, i, r)
			on = on || (json_is_string(r) && strcmp(json_string_value(r), *c) == 0);
		json_array_append_new(options, json_pack("{s:s,s:s,s:b}", "value", *c, "text",
							 vocab_title(VOCAB_ROLE, *c), "checked", on));
	}
	page_number(options);
	json_object_set_new(ctx, "role_options", options);
	return 0;
}

int page_settings(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	(void)app, (void)req, (void)e;
	static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
	static const char *const titles[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
	json_t *weekdays = json_array();
	for (int i = 0; i < 7; i++)
		json_array_append_new(weekdays, json_pack("{s:s,s:s}", "value", days[i], "text", titles[i]));
	json_object_set_new(ctx, "weekdays", weekdays);
	json_object_set_new(ctx, "nations", json_pack("[{s:s,s:s},{s:s,s:s},{s:s,s:s}]", "value", "england-and-wales",
						      "text", "England and Wales", "value", "scotland", "text",
						      "Scotland", "value", "northern-ireland", "text", "Northern Ireland"));
	return 0;
}

int page_users(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	(void)app, (void)req, (void)e;
	size_t i, k;
	json_t *u, *r;
	json_array_foreach(json_object_get(json_object_get(ctx, "model"), "users"), i, u) {
		json_t *titles = json_array();
		json_array_foreach(json_object_get(u, "roles"), k, r)
			json_array_append_new(titles, json_string(vocab_title(VOCAB_ROLE, json_string_value(r))));
		json_object_set_new(u, "role_titles", titles);
	}
	return 0;
}

int page_booking(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	const char *slot = http_query(req, "slot");
	int64_t t;
	json_t *values = json_object_get(ctx, "values");
	if (slot && dt_parse_datetime(slot, &t) == 0 && !json_object_get(values, "consultation_at-day")) {
		json_t *at = json_string(slot);
		prefill_put(values, "consultation_at", at);
		json_decref(at);
	}
	return page_teams(app, req, ctx, e);
}

int page_meeting(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	json_t *venues;
	struct db *db = db_pool_get(app->pool);
	int rc = venue_list(db, false, &venues, e);
	db_pool_put(app->pool, db);
	if (rc != 0)
		return -1;
	json_object_set_new(ctx, "venues", venues);
	return page_case(app, req, ctx, e);
}
