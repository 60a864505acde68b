/* api_sessions.c — the weekly consultation session: one week's slots, which
 * are free, and which are booked (with the case, when the person asking may
 * see it; otherwise only that the slot is taken). */
#include "api.h"
#include "action.h"
#include "guard.h"
#include "../domain/datetime.h"
#include "../domain/sessions.h"
#include "../store/case_store.h"

#include <stdio.h>
#include <string.h>

static json_t *slot_json(int64_t at, int minutes, const json_t *booked, int64_t now)
{
	char iso[21], words[64];
	dt_format_utc(at, iso);
	dt_format_when_words(at, words, sizeof words);
	json_t *slot = json_pack("{s:s,s:s,s:i,s:b}", "at", iso, "at_words", words, "minutes", minutes, "past", at < now);
	json_t *cases = json_array();
	size_t i;
	const json_t *c;
	json_array_foreach(booked, i, c) {
		const char *when = json_string_value(json_object_get(c, "consultation_at"));
		int64_t t;
		if (!when || dt_parse_datetime(when, &t) != 0 || t < at || t >= at + (int64_t)minutes * 60)
			continue;
		if (json_is_true(json_object_get(c, "visible")))
			json_array_append_new(cases, json_pack("{s:O,s:O,s:O}", "id", json_object_get(c, "id"), "reference",
							       json_object_get(c, "reference"), "child_name",
							       json_object_get(c, "child_name")));
		else
			json_array_append_new(cases, json_pack("{s:n,s:n,s:n}", "id", "reference", "child_name"));
	}
	json_object_set_new(slot, "free", json_boolean(json_array_size(cases) == 0));
	json_object_set_new(slot, "cases", cases);
	return slot;
}

int handle_consultation_week(struct app *app, const struct request *req, struct response *res)
{
	const char *week = http_query(req, "week");
	for (int i = 0; i < req->nquery; i++)
		if (strcmp(req->query[i].key, "week") != 0) {
			http_error(res, 422, req->query[i].key, "The sessions can only be chosen by week, like week=2026-11-23");
			return 0;
		}
	int32_t day = dt_london_day(req->now);
	if (week && dt_parse_date(week, &day) != 0) {
		http_error(res, 422, "week", "Enter the week as a date, like 2026-11-23");
		return 0;
	}
	struct err e = {0};
	struct session_week w;
	int rc_week = session_week_of(&app->sessions, &app->cal, day, &w, &e);
	/* Without a week asked for, once this week's session is over the next
	 * one is what people want to book. */
	if (rc_week == 0 && !week && day > w.day)
		rc_week = session_week_of(&app->sessions, &app->cal, day + 7, &w, &e);
	if (rc_week != 0) {
		http_error(res, 422, "week", "There are no sessions that week: hearth's bank-holiday calendar does not cover it");
		return 0;
	}
	/* Booked cases are looked for over the whole week, so a consultation
	 * booked at another time still shows against the slot it falls in. */
	char from[21], to[21], mon[11], prev[11], next[11], sday[11];
	dt_format_utc(dt_london_to_utc((int64_t)w.monday * DT_SECONDS_PER_DAY), from);
	dt_format_utc(dt_london_to_utc((int64_t)(w.monday + 7) * DT_SECONDS_PER_DAY), to);
	dt_format_date(w.monday, mon);
	dt_format_date(w.monday - 7, prev);
	dt_format_date(w.monday + 7, next);
	dt_format_date(w.day, sday);
	struct case_visibility see;
	guard_visibility(req->who, &see);
	json_t *booked = NULL;
	struct db *db = db_pool_get(app->pool);
	int rc = case_consultations(db, &see, from, to, &booked, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
		return 0;
	}
	char day_words[40];
	dt_format_day_words(w.day, day_words, sizeof day_words);
	json_t *slots = json_array();
	for (int i = 0; i < w.nslots; i++)
		json_array_append_new(slots, slot_json(w.slot_at[i], app->sessions.slot_minutes, booked, req->now));
	/* The week's list: every consultation booked that week the person may see. */
	json_t *list = json_array();
	size_t i;
	json_t *c;
	json_array_foreach(booked, i, c) {
		if (!json_is_true(json_object_get(c, "visible")))
			continue;
		int64_t t;
		char words[64] = "";
		if (dt_parse_datetime(json_string_value(json_object_get(c, "consultation_at")), &t) == 0)
			dt_format_when_words(t, words, sizeof words);
		json_t *item = json_deep_copy(c);
		json_object_del(item, "visible");
		json_object_set_new(item, "consultation_at_words", json_string(words));
		json_array_append_new(list, item);
	}
	json_t *v = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:o,s:o}", "week", mon, "day", sday, "day_words", day_words,
			      "previous_week", prev, "next_week", next, "bank_holiday", w.bank_holiday, "slots", slots,
			      "consultations", list);
	json_decref(booked);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}
