/* api_list.c — the case list (filters, search, paging) and the dashboard.
 * Both read the same rows from the store and work out each case's clocks
 * here, because a clock's status depends on "now" and the calendar. */
#include "api.h"
#include "auth.h"
#include "guard.h"
#include "action.h"
#include "case_view.h"
#include "../domain/datetime.h"
#include "../store/case_store.h"
#include "../util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DASHBOARD_HORIZON_WORKING_DAYS 5
/* A dashboard list shows its most urgent entries, and says how many there
 * are: a service with thousands of open cases still gets a page a person
 * can read (the case list, filtered, has the rest). */
#define DASHBOARD_LIST_MAX 50

/* Parses a whole number in [lo, hi] from a query parameter. */
static int query_int(const struct request *req, const char *key, long lo, long hi, long dflt,
		     long *out, json_t *errors, const char *label)
{
	const char *s = http_query(req, key);
	*out = dflt;
	if (!s)
		return 0;
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi) {
		char msg[160];
		snprintf(msg, sizeof msg, "%s must be a whole number from %ld to %ld", label, lo, hi);
		form_error(errors, key, msg);
		return -1;
	}
	*out = v;
	return 0;
}

static const char *const LIST_KEYS[] = {"stage", "coordinator", "overdue", "q", "page", "per_page", "open", NULL};

static void unknown_query(const struct request *req, const char *const *known, json_t *errors)
{
	for (int i = 0; i < req->nquery; i++) {
		bool ok = false;
		for (int k = 0; known[k]; k++)
			ok = ok || strcmp(req->query[i].key, known[k]) == 0;
		if (!ok) {
			char msg[200];
			snprintf(msg, sizeof msg, "\"%.60s\" is not a filter the case list understands", req->query[i].key);
			form_error(errors, req->query[i].key, msg);
		}
	}
}

static int query_bool(const struct request *req, const char *key, bool *out, json_t *errors)
{
	const char *s = http_query(req, key);
	*out = false;
	if (!s)
		return 0;
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
		*out = true;
	else if (strcmp(s, "false") != 0 && strcmp(s, "0") != 0)
		form_error(errors, key, "Use true or false");
	return 0;
}

/* A row's clocks (release them). */
static json_t *row_clocks(struct app *app, const json_t *row, int64_t now)
{
	struct case_moments m;
	moments_from_row(row, &m);
	return clocks_view(app, &m, now);
}

/* One list row for people: codes titled, clocks summarised. */
static json_t *list_item(const json_t *row, json_t *clocks, bool *overdue)
{
	json_t *next = next_clock(clocks);
	enum stage st = STAGE_CONSULTATION;
	stage_from_slug(json_string_value(json_object_get(row, "stage")), &st);
	const json_t *coord = json_object_get(row, "coordinator_id");
	json_t *item = json_pack("{s:O,s:O,s:O,s:s,s:s,s:O,s:O}", "id", json_object_get(row, "id"),
				 "reference", json_object_get(row, "reference"), "child_name",
				 json_object_get(row, "child_name"), "stage", stage_slug(st),
				 "stage_title", stage_title(st), "consultation_at",
				 json_object_get(row, "consultation_at"), "emergency",
				 json_object_get(row, "emergency"));
	json_object_set_new(item, "coordinator",
			    json_is_null(coord) ? json_null()
						: json_pack("{s:O,s:O}", "id", coord, "name",
							    json_object_get(row, "coordinator_name")));
	json_object_set(item, "next_clock", next ? next : json_null());
	*overdue = false;
	size_t i;
	json_t *c;
	json_array_foreach(clocks, i, c)
		*overdue = *overdue || strcmp(json_string_value(json_object_get(c, "status")), "overdue") == 0;
	return item;
}

int handle_case_list(struct app *app, const struct request *req, struct response *res)
{
	json_t *errors = json_array();
	struct case_filter f = {0};
	unknown_query(req, LIST_KEYS, errors);
	f.stage = http_query(req, "stage");
	if (f.stage && !*f.stage)
		f.stage = NULL; /* "any stage" in the search form */
	enum stage st;
	if (f.stage && stage_from_slug(f.stage, &st) != 0)
		form_error(errors, "stage", "Choose a stage from the list");
	f.coordinator = http_query(req, "coordinator");
	if (f.coordinator && !form_is_id(f.coordinator))
		form_error(errors, "coordinator", "Choose a coordinator from the list");
	f.text = http_query(req, "q");
	if (f.text && utf8_chars(f.text) > 100)
		form_error(errors, "q", "Search for 100 characters or fewer");
	if (f.text && !*f.text)
		f.text = NULL;
	bool overdue, open;
	query_bool(req, "overdue", &overdue, errors);
	query_bool(req, "open", &open, errors);
	f.open_only = open;
	long page, per_page;
	query_int(req, "page", 1, 100000, 1, &page, errors, "The page");
	query_int(req, "per_page", 1, 100, 25, &per_page, errors, "The number of cases per page");
	if (json_array_size(errors) > 0) {
		http_errors(res, 422, errors);
		return 0;
	}
	json_decref(errors);

	struct err e = {0};
	json_t *rows;
	guard_visibility(req->who, &f.see);
	long total = 0, first = (page - 1) * per_page;
	/* Whether a clock is overdue depends on now and the calendar, so that
	 * filter is applied here, over the open cases only (a finished case's
	 * clocks have stopped); every other filter pages in the database. */
	if (overdue) {
		f.open_only = true;
	} else {
		f.limit = per_page;
		f.offset = first;
	}
	struct db *db = db_pool_get(app->pool);
	int rc = case_list(db, &f, &rows, &e);
	if (rc == 0 && !overdue)
		rc = case_count(db, &f, &total, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
		return 0;
	}
	json_t *items = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		bool late;
		json_t *clocks = row_clocks(app, row, req->now);
		json_t *item = list_item(row, clocks, &late);
		json_decref(clocks);
		if (!overdue) {
			json_array_append_new(items, item);
			continue;
		}
		if (late && total >= first && total < first + per_page)
			json_array_append(items, item);
		json_decref(item);
		total += late;
	}
	json_decref(rows);
	json_t *v = json_pack("{s:o,s:i,s:i,s:i,s:i}", "items", items, "page", (json_int_t)page,
			      "per_page", (json_int_t)per_page, "total", (json_int_t)total,
			      "total_pages", (json_int_t)((total + per_page - 1) / per_page));
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

static int due_cmp(const void *a, const void *b)
{
	const char *x = json_string_value(json_object_get(json_object_get(*(json_t *const *)a, "clock"), "due_by"));
	const char *y = json_string_value(json_object_get(json_object_get(*(json_t *const *)b, "clock"), "due_by"));
	return strcmp(x ? x : "", y ? y : "");
}

/* Deadline entries by due date (ISO 8601 UTC sorts as text). */
static void sort_by_due(json_t *entries)
{
	size_t n = json_array_size(entries);
	if (n < 2)
		return;
	json_t **v = xcalloc(n, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(entries, i));
	qsort(v, n, sizeof *v, due_cmp);
	json_array_clear(entries);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(entries, v[i]);
	free(v);
}

/* Keeps the first `max` entries of `list`; returns how many there were. */
static json_int_t keep_first(json_t *list, size_t max)
{
	size_t n = json_array_size(list);
	while (json_array_size(list) > max)
		json_array_remove(list, json_array_size(list) - 1);
	return (json_int_t)n;
}

int handle_dashboard(struct app *app, const struct request *req, struct response *res)
{
	if (req->nquery > 0) {
		http_error(res, 422, req->query[0].key, "The dashboard takes no filters");
		return 0;
	}
	struct err e = {0};
	json_t *rows = NULL, *counts = NULL;
	struct case_visibility see;
	guard_visibility(req->who, &see);
	struct db *db = db_pool_get(app->pool);
	int rc = case_list_open(db, &see, &rows, &e);
	if (rc == 0)
		rc = case_stage_counts(db, &see, &counts, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		json_decref(rows);
		respond_err(res, &e);
		return 0;
	}
	json_t *by_stage = json_array();
	for (int s = 0; s < STAGE_COUNT; s++) {
		json_t *n = json_object_get(counts, stage_slug((enum stage)s));
		json_array_append_new(by_stage, json_pack("{s:s,s:s,s:I}", "stage", stage_slug((enum stage)s),
							  "title", stage_title((enum stage)s),
							  "count", (json_int_t)(n ? json_integer_value(n) : 0)));
	}
	json_decref(counts);

	json_t *overdue = json_array(), *due_soon = json_array(), *queue = json_array(),
	       *emergencies = json_array(), *mine = json_array();
	int32_t today = dt_london_day(req->now);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		json_t *clocks = row_clocks(app, row, req->now);
		bool late;
		json_t *item = list_item(row, clocks, &late);
		size_t k;
		json_t *c;
		json_array_foreach(clocks, k, c) {
			const char *st = json_string_value(json_object_get(c, "status"));
			json_t *entry = json_pack("{s:O,s:O,s:O,s:O}", "case_id", json_object_get(row, "id"),
						  "reference", json_object_get(row, "reference"),
						  "child_name", json_object_get(row, "child_name"), "clock", c);
			if (strcmp(st, "overdue") == 0) {
				json_array_append(overdue, entry);
			} else if (strcmp(st, "on_time") == 0 || strcmp(st, "due_soon") == 0) {
				int64_t due;
				int wd = 0;
				struct err ignored;
				if (dt_parse_datetime(json_string_value(json_object_get(c, "due_by")), &due) == 0 &&
				    cal_working_days_between(&app->cal, today, dt_london_day(due), &wd, &ignored) == 0 &&
				    wd <= DASHBOARD_HORIZON_WORKING_DAYS)
					json_array_append(due_soon, entry);
			}
			json_decref(entry);
		}
		const char *stage = json_string_value(json_object_get(row, "stage"));
		const char *coordinator = json_string_value(json_object_get(json_object_get(item, "coordinator"), "id"));
		if (coordinator && strcmp(coordinator, req->who->user_id) == 0 && strcmp(stage, "closed") != 0)
			json_array_append(mine, item);
		if (strcmp(stage, "allocation") == 0)
			json_array_insert(queue, 0, item); /* oldest consultation first */
		if (strcmp(stage, "consultation") == 0 && json_is_true(json_object_get(row, "emergency")) &&
		    json_is_null(json_object_get(row, "emergency_decision")))
			json_array_insert(emergencies, 0, item);
		json_decref(item);
		json_decref(clocks);
	}
	/* Most urgent first: the earliest due date at the top. */
	sort_by_due(overdue);
	sort_by_due(due_soon);
	json_int_t open_cases = (json_int_t)json_array_size(rows);
	json_decref(rows);
	json_t *v = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:I}", "cases_by_stage", by_stage, "my_cases", mine,
			      "overdue", overdue, "due_within_5_working_days", due_soon, "allocation_queue", queue,
			      "emergency_requests", emergencies, "open_cases", open_cases);
	json_t *totals = json_object();
	static const char *const lists[] = {"my_cases", "overdue", "due_within_5_working_days",
					    "allocation_queue", "emergency_requests"};
	for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
		json_object_set_new(totals, lists[l],
				    json_integer(keep_first(json_object_get(v, lists[l]), DASHBOARD_LIST_MAX)));
	json_object_set_new(v, "totals", totals);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}
