/* page.c — HTML renderings of routes (page.h). */
#include "page.h"
#include "auth.h"
#include "formdata.h"
#include "tpl.h"
#include "../domain/access.h"
#include "../domain/datetime.h"
#include "../domain/vocab.h"
#include "../util/ids.h"

#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

/* Vocabularies offered to every page as choices.<name>: [{value, text}]. */
static const struct {
	const char *name;
	enum vocab v;
} CHOICES[] = {
	{"reason_category", VOCAB_REASON_CATEGORY},
	{"person_role", VOCAB_PERSON_ROLE},
	{"consent_method", VOCAB_CONSENT_METHOD},
	{"emergency_decision", VOCAB_EMERGENCY_DECISION},
	{"contact_method", VOCAB_CONTACT_METHOD},
	{"child_attendance", VOCAB_CHILD_ATTENDANCE},
	{"child_contribution", VOCAB_CHILD_CONTRIBUTION},
	{"meeting_outcome", VOCAB_MEETING_OUTCOME},
	{"referrer_decision", VOCAB_REFERRER_DECISION},
	{"send_method", VOCAB_SEND_METHOD},
	{"no_agreement", VOCAB_NO_AGREEMENT},
	{"action_status", VOCAB_ACTION_STATUS},
	{"closure_reason", VOCAB_CLOSURE_REASON},
	{"recipient_kind", VOCAB_RECIPIENT_KIND},
	{"respondent_kind", VOCAB_RESPONDENT_KIND},
	{"family_answer", VOCAB_FAMILY_ANSWER},
	{"child_answer", VOCAB_CHILD_ANSWER},
	{"role", VOCAB_ROLE},
	{"gender", VOCAB_GENDER},
	{"interpreter", VOCAB_INTERPRETER},
	{"contact_restriction", VOCAB_CONTACT_RESTRICTION},
	{"relationship", VOCAB_RELATIONSHIP},
	{"exclusion_reason", VOCAB_EXCLUSION_REASON},
	{"invite_response", VOCAB_INVITE_RESPONSE},
};

int page_load_templates(struct app *app, struct err *e)
{
	if (tpl_set_embedded(&app->tpl, e) != 0)
		return -1;
	const char *strict = getenv("HEARTH_STRICT_TEMPLATES");
	tpl_set_strict(app->tpl, strict && strcmp(strict, "1") == 0);
	return 0;
}

void page_number(json_t *list)
{
	size_t i;
	json_t *el;
	json_array_foreach(list, i, el) {
		if (!json_is_object(el))
			continue;
		json_object_set_new(el, "index", json_integer((json_int_t)i + 1));
		if (i + 1 == json_array_size(list))
			json_object_set_new(el, "last", json_true());
	}
}

static bool is_form(const struct request *req)
{
	return req->form != NULL;
}

bool page_wanted(const struct route *rt, const struct request *req)
{
	if (is_form(req))
		return true;
	if (rt && !rt->page)
		return false;
	if (!rt && strncmp(req->path, "/api/", 5) == 0)
		return false;
	const char *a = req->accept;
	if (!a)
		return true;
	const char *html = strstr(a, "text/html"), *json = strstr(a, "application/json");
	return !json || (html && html < json);
}

/* "Change the answers" on a check page posts the answers back with change=yes. */
static bool changing(const struct request *req)
{
	return is_form(req) && json_object_get(req->form, "change");
}

void page_prepare(const struct route *rt, struct request *req)
{
	for (int i = 0; rt->page && i < req->nquery; i++)
		if (strcmp(req->query[i].key, "done") == 0) {
			req->done = req->query[i].value;
			req->query[i] = req->query[--req->nquery];
			break;
		}
	if (rt->page && rt->page->check && changing(req)) {
		req->dry_run = true; /* never made: the form is shown again */
		return;
	}
	if (rt->page && rt->page->check && is_form(req) && !json_object_get(req->form, "confirmed")) {
		bool (*when)(const json_t *) = rt->page->check_if;
		if (!when || when(req->form))
			req->dry_run = true;
	}
}

/* ---------- the context every page gets ---------- */

static json_t *all_choices;
static pthread_once_t choices_once = PTHREAD_ONCE_INIT;

static void build_choices(void)
{
	all_choices = json_object();
	for (size_t i = 0; i < sizeof CHOICES / sizeof *CHOICES; i++) {
		json_t *list = json_array();
		const char *const *codes = vocab_codes(CHOICES[i].v);
		for (const char *const *c = codes; c && *c; c++)
			json_array_append_new(list, json_pack("{s:s,s:s,s:b}", "value", *c, "text",
							      vocab_title(CHOICES[i].v, *c), "first", c == codes));
		json_object_set_new(all_choices, CHOICES[i].name, list);
	}
}

/* The lists are made once and shared, never changed (jansson counts
 * references atomically); each page gets its own top-level object, to which
 * a page may add lists of its own (people to choose from). */
static json_t *choices(void)
{
	pthread_once(&choices_once, build_choices);
	return json_copy(all_choices);
}

static json_t *me(const struct principal *who)
{
	if (!who || !who->signed_in)
		return json_null();
	json_t *roles = json_object();
	for (unsigned bit = 1; bit <= ROLE_ADMINISTRATOR; bit <<= 1)
		if (who->roles & bit)
			json_object_set_new(roles, role_code(bit), json_true());
	return json_pack("{s:s,s:s,s:o,s:b,s:b,s:b,s:b,s:b}", "id", who->user_id, "name", who->name, "roles", roles,
			 "venues", (who->roles & (ROLE_MANAGERS | ROLE_ADMINISTRATOR)) != 0,
			 "casework", (who->roles & ROLE_CASEWORK) != 0, "books",
			 (who->roles & (ROLE_REFERRER | ROLE_CASEWORK)) != 0, "manager",
			 (who->roles & ROLE_MANAGERS) != 0, "settings",
			 (who->roles & (ROLE_SERVICE_MANAGER | ROLE_ADMINISTRATOR)) != 0);
}

/* The message of the first error of a JSON error answer, or "". */
static const char *first_message(const json_t *model)
{
	const json_t *errs = json_object_get(model, "errors");
	const char *m = json_string_value(json_object_get(json_array_get(errs, 0), "message"));
	return m ? m : "";
}

/* Errors of an answer as the error summary lists them ({text, href}) and
 * as a map field -> message for the inline messages. */
static void add_errors(json_t *ctx, const json_t *answer)
{
	json_t *list = json_array(), *by_field = json_object();
	size_t i;
	const json_t *e;
	json_array_foreach(json_object_get(answer, "errors"), i, e) {
		const char *field = json_string_value(json_object_get(e, "field"));
		const char *msg = json_string_value(json_object_get(e, "message"));
		if (!msg)
			continue;
		char id[200] = "main-content", href[210];
		if (field && *field)
			formdata_field_id(field, id, sizeof id);
		snprintf(href, sizeof href, "#%s", id);
		json_array_append_new(list, json_pack("{s:s,s:s}", "text", msg, "href", href));
		if (field && *field && !json_object_get(by_field, field))
			json_object_set_new(by_field, field, json_pack("{s:s}", "text", msg));
	}
	page_number(list);
	json_object_set_new(ctx, "has_errors", json_boolean(json_array_size(list) > 0));
	json_object_set_new(ctx, "errors", list);
	json_object_set_new(ctx, "error", by_field);
}

/* The lists a form can hold rows of. */
static const char *const ROW_LISTS[] = {"items", "attendance", "recipients", "item_statuses", "new_items",
					 "notifications", "agencies_shared"};
#define SPARE_ROWS 2
#define MIN_ROWS 3

/* rows.<list>: one entry per row of a form's list, with the names and ids
 * its inputs need ("items[0][" … "]", "items-0-"), what was typed in it
 * and its errors: a template cannot count. Shown: the rows typed, plus a
 * few spare (at least MIN_ROWS). */
static void add_rows(json_t *ctx)
{
	json_t *values = json_object_get(ctx, "values"), *error = json_object_get(ctx, "error");
	json_t *all = json_object();
	for (size_t l = 0; l < sizeof ROW_LISTS / sizeof *ROW_LISTS; l++) {
		const char *list = ROW_LISTS[l];
		size_t len = strlen(list);
		long used = 0;
		const char *k;
		json_t *v;
		json_object_foreach(values, k, v) {
			if (strncmp(k, list, len) != 0 || k[len] != '[')
				continue;
			long i = strtol(k + len + 1, NULL, 10);
			if (i >= 0 && i < 100 && i + 1 > used)
				used = i + 1;
		}
		long n = used + SPARE_ROWS < MIN_ROWS ? MIN_ROWS : used + SPARE_ROWS;
		/* A review marks each action of the latest plan: one row each,
		 * carrying the action as `item`. */
		json_t *plans = json_object_get(json_object_get(ctx, "model"), "plans");
		json_t *latest = json_object_get(json_array_get(plans, json_array_size(plans) - 1), "items");
		bool per_item = strcmp(list, "item_statuses") == 0;
		if (per_item)
			n = (long)json_array_size(latest);
		/* Everyone on the case may come to a meeting. */
		long people = (long)json_array_size(json_object_get(json_object_get(ctx, "model"), "people"));
		if (strcmp(list, "attendance") == 0 && people + SPARE_ROWS > n)
			n = people + SPARE_ROWS;
		json_t *rows = json_array();
		for (long i = 0; i < n; i++) {
			char prefix[64], id[64], path[64];
			snprintf(prefix, sizeof prefix, "%s[%ld][", list, i);
			snprintf(id, sizeof id, "%s-%ld-", list, i);
			snprintf(path, sizeof path, "%s[%ld].", list, i);
			json_t *row_values = json_object(), *row_error = json_object();
			json_object_foreach(values, k, v) {
				if (strncmp(k, prefix, strlen(prefix)) != 0)
					continue;
				char col[64];
				snprintf(col, sizeof col, "%s", k + strlen(prefix));
				char *end = strrchr(col, ']');
				if (end)
					*end = '\0';
				json_object_set(row_values, col, v);
			}
			json_object_foreach(error, k, v)
				if (strncmp(k, path, strlen(path)) == 0)
					json_object_set(row_error, k + strlen(path), v);
			json_t *row = json_pack("{s:I,s:I,s:s,s:s,s:o,s:o}", "i", (json_int_t)i, "number",
						(json_int_t)i + 1, "prefix", prefix, "id", id, "values", row_values,
						"error", row_error);
			if (per_item)
				json_object_set(row, "item", json_array_get(latest, (size_t)i));
			json_array_append_new(rows, row);
		}
		json_object_set_new(all, list, rows);
	}
	json_object_set_new(ctx, "rows", all);
}

/* Every date and time in a model also in words ("scheduled_at" gets
 * "scheduled_at_words": "Wed 2 Dec 2026, 20:00"), for pages to show. */
static void add_words(json_t *v)
{
	if (json_is_array(v)) {
		size_t i;
		json_t *el;
		json_array_foreach(v, i, el)
			add_words(el);
		return;
	}
	if (!json_is_object(v))
		return;
	json_t *words = json_object();
	const char *k;
	json_t *el;
	json_object_foreach(v, k, el) {
		const char *s = json_string_value(el);
		int32_t day;
		int64_t t;
		char out[64], key[160];
		if (!s) {
			add_words(el);
			continue;
		}
		if (strlen(s) == 10 && dt_parse_date(s, &day) == 0)
			dt_format_day_words(day, out, sizeof out);
		else if (strlen(s) >= 20 && s[10] == 'T' && dt_parse_datetime(s, &t) == 0)
			dt_format_when_words(t, out, sizeof out);
		else
			continue;
		snprintf(key, sizeof key, "%s_words", k);
		if (!json_object_get(v, key))
			json_object_set_new(words, key, json_string(out));
	}
	json_object_update(v, words);
	json_decref(words);
}

static json_t *query_object(const struct request *req)
{
	json_t *q = json_object();
	for (int i = 0; i < req->nquery; i++)
		json_object_set_new(q, req->query[i].key, json_string(req->query[i].value ? req->query[i].value : ""));
	return q;
}

/* The flash of ?done=<action>: only an action's own words, never the query's. */
static const char *flash_of(const struct request *req)
{
	const char *done = req->done;
	if (!done)
		return NULL;
	for (size_t i = 0; i < routes_count; i++)
		if (routes[i].page && routes[i].page->flash && strcmp(routes[i].action, done) == 0 &&
		    strcmp(routes[i].method, "GET") != 0)
			return routes[i].page->flash;
	return NULL;
}

static json_t *base_context(const struct request *req, json_t *model)
{
	add_words(model);
	const struct principal *who = req->who;
	json_t *ctx = json_pack("{s:o,s:o,s:s,s:o,s:o,s:o,s:o,s:b,s:o,s:o}", "model", model ? model : json_null(),
				"me", me(who), "path", req->path, "query", query_object(req), "choices",
				choices(), "values", req->form ? json_deep_copy(req->form) : json_object(),
				"csrf", json_string(who && who->csrf[0] ? who->csrf : ""), "has_errors", 0,
				"errors", json_array(), "error", json_object());
	const char *flash = flash_of(req);
	json_object_set_new(ctx, "flash", flash ? json_string(flash) : json_null());
	return ctx;
}

/* ---------- rendering ---------- */

static void render(struct app *app, const char *view, json_t *ctx, struct response *res, int status)
{
	add_rows(ctx);
	struct err e = {0};
	struct buf out;
	buf_init(&out);
	if (!app->tpl)
		err_set(&e, ERR_INTERNAL, NULL, "templates are not loaded");
	if (!app->tpl || tpl_render(app->tpl, view, ctx, &out, &e) != 0) {
		char incident[17];
		ids_random_hex(incident, 8);
		fprintf(stderr, "hearth: incident %s: %s\n", incident, e.msg);
		buf_reset(&out);
		buf_printf(&out,
			   "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sorry, there is a "
			   "problem – hearth</title></head><body><main><h1>Sorry, there is a problem with the "
			   "service</h1><p>Try again later. If it keeps happening, contact support and quote incident "
			   "%s.</p></main></body></html>",
			   incident);
		status = 500;
	}
	http_body_reset(res);
	buf_free(&res->body);
	res->body = out;
	res->status = status;
	res->content_type = "text/html; charset=utf-8";
}

static void redirect(struct response *res, const char *to)
{
	static __thread char location[512];
	snprintf(location, sizeof location, "%s", to);
	http_body_reset(res);
	res->status = 303;
	res->content_type = "text/plain; charset=utf-8";
	buf_printf(&res->body, "See %s\n", location);
	/* The API's own Location (201 Created) is for API clients. */
	int kept = 0;
	for (int i = 0; i < res->nheaders; i++)
		if (strcasecmp(res->headers[i].key, "Location") != 0)
			res->headers[kept++] = res->headers[i];
	res->nheaders = kept;
	http_header(res, "Location", location);
}

/* The route answering GET at the same pattern: the page a form lives on. */
static const struct route *form_page_of(const struct route *rt)
{
	for (size_t i = 0; i < routes_count; i++)
		if (strcmp(routes[i].method, "GET") == 0 && strcmp(routes[i].pattern, rt->pattern) == 0)
			return &routes[i];
	return NULL;
}

/* Runs a GET route's handler for the model of its page; NULL when it fails. */
static json_t *model_of(struct app *app, const struct route *get, struct request *req)
{
	struct response r;
	http_response_init(&r);
	const char *method = req->method;
	req->method = "GET";
	pthread_rwlock_rdlock(&app->config_lock);
	get->handler(app, req, &r);
	pthread_rwlock_unlock(&app->config_lock);
	req->method = method;
	json_t *model = NULL;
	if (r.status == 200 && r.json)
		model = json_incref(r.json);
	http_response_free(&r);
	return model;
}

static int add_extra(struct app *app, const struct page *pg, const struct request *req, json_t *ctx)
{
	struct err e = {0};
	if (!pg->extra)
		return 0;
	pthread_rwlock_rdlock(&app->config_lock);
	int rc = pg->extra(app, req, ctx, &e);
	pthread_rwlock_unlock(&app->config_lock);
	if (rc == 0)
		return 0;
	fprintf(stderr, "hearth: page data: %s\n", e.msg);
	return -1;
}

static void error_page(struct app *app, struct request *req, struct response *res, int status, const json_t *answer)
{
	json_t *ctx = base_context(req, NULL);
	json_object_set_new(ctx, "status", json_integer(status));
	json_object_set_new(ctx, "message", json_string(first_message(answer)));
	json_object_set_new(ctx, "not_found", json_boolean(status == 404));
	json_object_set_new(ctx, "forbidden", json_boolean(status == 403));
	json_object_set_new(ctx, "failed", json_boolean(status >= 500));
	json_object_set(ctx, "break_glass", json_object_get(answer, "break_glass") ? json_true() : json_false());
	json_object_set_new(ctx, "case_id", json_string(http_param(req, "id") ? http_param(req, "id") : ""));
	render(app, "error", ctx, res, status);
	json_decref(ctx);
}

/* Renders `view` with the page's extra data added; a failure to gather it
 * is the incident page. Releases ctx. */
static void show(struct app *app, const struct page *pg, const char *view, struct request *req, json_t *ctx,
		 struct response *res, int status)
{
	if (add_extra(app, pg, req, ctx) != 0)
		error_page(app, req, res, 500, NULL);
	else
		render(app, view, ctx, res, status);
	json_decref(ctx);
}

/* The context of the form a post came from, shown again: the model of the
 * GET route at the same address, and *gp set to that route's page. */
static json_t *form_again(struct app *app, const struct route *rt, struct request *req, const struct page **gp)
{
	const struct route *get_rt = form_page_of(rt);
	json_t *model = get_rt ? model_of(app, get_rt, req) : NULL;
	*gp = get_rt && get_rt->page ? get_rt->page : rt->page;
	return base_context(req, model);
}

/* "/cases/{id}?done=x" with {id} from the route or the answer. */
static void done_location(const struct route *rt, const struct request *req, const json_t *answer, char *out,
			  size_t n)
{
	/* Back to where the person was going when asked to sign in: a path
	 * on this site only ("//host" would leave it). */
	const char *next = json_string_value(json_object_get(req->form, "next"));
	if (next && next[0] == '/' && next[1] != '/' && next[1] != '\\' && !strpbrk(next, "\r\n")) {
		snprintf(out, n, "%s", next);
		return;
	}
	const char *id = http_param(req, "id");
	if (!id)
		id = json_string_value(json_object_get(answer, "id"));
	struct buf b;
	buf_init(&b);
	for (const char *p = rt->page->done; *p; p++) {
		if (strncmp(p, "{id}", 4) == 0) {
			buf_puts(&b, id ? id : "");
			p += 3;
		} else {
			buf_append(&b, p, 1);
		}
	}
	if (rt->page->flash)
		buf_printf(&b, "%sdone=%s", strchr(rt->page->done, '?') ? "&" : "?", rt->action);
	snprintf(out, n, "%s", b.data ? b.data : "/");
	buf_free(&b);
}

static void sign_in_redirect(const struct request *req, struct response *res)
{
	const struct principal *who = req->who;
	if (who && who->via == VIA_SESSION && !who->signed_in) {
		redirect(res, strcmp(who->second_factor, "enrol") == 0 ? "/sign-in/set-up-app" : "/sign-in/code");
		return;
	}
	char to[400];
	if (strcmp(req->method, "GET") == 0 && strlen(req->path) < 300 && strncmp(req->path, "/sign-", 6) != 0)
		snprintf(to, sizeof to, "/sign-in?next=%s", req->path);
	else
		snprintf(to, sizeof to, "/sign-in");
	if (who && who->expired)
		snprintf(to + strlen(to), sizeof to - strlen(to), "%sended=%s", strchr(to, '?') ? "&" : "?",
			 who->ended_reason);
	redirect(res, to);
}

void page_finish(struct app *app, const struct route *rt, struct request *req, struct response *res)
{
	int status = res->status;
	if (status == 303 || status == 304)
		return;
	json_t *answer = res->json ? json_incref(res->json) : NULL;
	bool form = is_form(req), get = !form && strcmp(req->method, "GET") == 0;
	const struct page *pg = rt ? rt->page : NULL;

	/* Signing in answers 401 for a wrong password: that is the form's
	 * error, not a reason to go and sign in. */
	bool signing_in = req->rule && (req->rule->scope == ACCESS_PUBLIC ||
					(req->rule->scope == ACCESS_SIGN_IN && req->who && req->who->via == VIA_SESSION));
	if (status == 401 && !(form && signing_in)) {
		sign_in_redirect(req, res);
		goto out;
	}
	if (pg && pg->check && changing(req) && req->dry_run) {
		/* Back to the form with the answers as they were typed. */
		const struct page *gp;
		json_t *ctx = form_again(app, rt, req, &gp);
		json_object_del(json_object_get(ctx, "values"), "change");
		json_object_del(json_object_get(ctx, "values"), "confirmed");
		show(app, gp, gp->view, req, ctx, res, 200);
		goto out;
	}
	if (status < 300 && !pg) {
		/* A form post to a route without a page: back where it came from. */
		redirect(res, "/dashboard");
		goto out;
	}
	if (status < 300 && get) {
		json_t *ctx = base_context(req, json_incref(answer));
		if (pg->prefill && answer)
			pg->prefill(answer, json_object_get(ctx, "values"));
		show(app, pg, pg->view, req, ctx, res, status);
		goto out;
	}
	if (status == 422 && get) {
		/* A search with a mistake: the page again, saying what is wrong. */
		json_t *ctx = base_context(req, NULL);
		add_errors(ctx, answer);
		show(app, pg, pg->view, req, ctx, res, status);
		goto out;
	}
	if (status < 300 && req->dry_run) {
		json_t *ctx = base_context(req, json_incref(answer));
		json_t *hidden = json_array();
		const char *k;
		json_t *v;
		json_object_foreach(req->form, k, v)
			if (strcmp(k, "confirmed") != 0)
				json_array_append_new(hidden, json_pack("{s:s,s:O}", "name", k, "value", v));
		json_object_set_new(ctx, "hidden", hidden);
		show(app, pg, pg->check, req, ctx, res, 200);
		goto out;
	}
	if (status < 300) {
		if (pg->done) {
			char to[512];
			done_location(rt, req, answer, to, sizeof to);
			redirect(res, to);
		} else {
			json_t *ctx = base_context(req, json_incref(answer));
			show(app, pg, pg->view, req, ctx, res, status);
		}
		goto out;
	}
	if (form && pg && (status == 422 || status == 409 || status == 429 || status == 400 || status == 401)) {
		/* The form again, as typed, with what is wrong. */
		const struct page *gp;
		json_t *ctx = form_again(app, rt, req, &gp);
		add_errors(ctx, answer);
		show(app, gp, gp->view, req, ctx, res, status);
		goto out;
	}
	error_page(app, req, res, status, answer);
out:
	json_decref(answer);
}

void page_not_routed(struct app *app, struct request *req, struct response *res)
{
	json_t *answer = res->json ? json_incref(res->json) : NULL;
	error_page(app, req, res, res->status, answer);
	json_decref(answer);
}
