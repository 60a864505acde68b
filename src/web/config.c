/* config.c — the service's configuration as the server holds it: the
 * timescale policy (settings key "timescales", JSON) and the calendar of
 * the policy's nation, and the sign-in settings (key "security"), loaded from the database at start and whenever an
 * administrator changes them. */
#include "app.h"
#include "config.h"
#include "../domain/datetime.h"
#include "tpl.h"
#include "../store/settings_store.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *key;
	size_t offset;
} NUMBERS[] = {
	{"allocation_hours", offsetof(struct policy, allocation_hours)},
	{"first_contact_hours", offsetof(struct policy, first_contact_hours)},
	{"meeting_min_weeks", offsetof(struct policy, meeting_min_weeks)},
	{"meeting_max_weeks", offsetof(struct policy, meeting_max_weeks)},
	{"plan_working_days", offsetof(struct policy, plan_working_days)},
	{"review_min_weeks", offsetof(struct policy, review_min_weeks)},
	{"review_max_weeks", offsetof(struct policy, review_max_weeks)},
	{"due_soon_working_days", offsetof(struct policy, due_soon_working_days)},
};
#define NNUMBERS (sizeof NUMBERS / sizeof NUMBERS[0])

json_t *policy_to_json(const struct policy *p)
{
	json_t *o = json_pack("{s:s,s:s}", "nation", nation_slug(p->nation), "hours_mode",
			      p->hours_mode == HOURS_WORKING ? "working" : "clock");
	for (size_t i = 0; i < NNUMBERS; i++)
		json_object_set_new(o, NUMBERS[i].key,
				    json_integer(*(const int *)((const char *)p + NUMBERS[i].offset)));
	return o;
}

int policy_from_json(const json_t *o, struct policy *p, json_t *errors)
{
	policy_defaults(p);
	int before = (int)json_array_size(errors);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)o, key, v) {
		/* bank_holidays is what the calendar covers: shown, never set here. */
		bool known = strcmp(key, "nation") == 0 || strcmp(key, "hours_mode") == 0 ||
			     strcmp(key, "bank_holidays") == 0;
		for (size_t i = 0; i < NNUMBERS; i++)
			known = known || strcmp(key, NUMBERS[i].key) == 0;
		if (!known)
			form_error(errors, key, "This is not one of the timescale settings");
	}
	const char *nation = json_string_value(json_object_get(o, "nation"));
	if (!nation || nation_from_slug(nation, &p->nation) != 0)
		form_error(errors, "nation", "Select the nation whose bank holidays apply: england-and-wales, scotland or northern-ireland");
	const char *mode = json_string_value(json_object_get(o, "hours_mode"));
	if (mode && strcmp(mode, "working") == 0)
		p->hours_mode = HOURS_WORKING;
	else if (mode && strcmp(mode, "clock") == 0)
		p->hours_mode = HOURS_CLOCK;
	else
		form_error(errors, "hours_mode", "Select how hours are counted: working (working days only) or clock (every hour)");
	for (size_t i = 0; i < NNUMBERS; i++) {
		json_t *n = json_object_get(o, NUMBERS[i].key);
		if (!json_is_integer(n) || json_integer_value(n) < -100000 || json_integer_value(n) > 100000)
			form_error(errors, NUMBERS[i].key, "Enter a whole number");
		else
			*(int *)((char *)p + NUMBERS[i].offset) = (int)json_integer_value(n);
	}
	if ((int)json_array_size(errors) == before) {
		struct err e = {0};
		if (policy_validate(p, &e) != 0)
			form_error(errors, e.field, e.msg);
	}
	return (int)json_array_size(errors) - before;
}

void security_defaults(struct security_settings *s)
{
	s->second_factor_required = true;
	s->idle_minutes = 30;
	s->absolute_hours = 12;
}

json_t *security_to_json(const struct security_settings *s)
{
	return json_pack("{s:b,s:i,s:i}", "second_factor_required", s->second_factor_required,
			 "idle_minutes", s->idle_minutes, "absolute_hours", s->absolute_hours);
}

const struct field_spec TIMESCALE_FIELDS[] = {
	{"nation", F_STRING, true, "the nation whose bank holidays apply", 40},
	{"hours_mode", F_STRING, true, "how hours are counted", 20},
	{"allocation_hours", F_INT, true, "the hours to allocate a coordinator", .min = 0, .max = 1000000},
	{"first_contact_hours", F_INT, true, "the hours to first contact", .min = 0, .max = 1000000},
	{"meeting_min_weeks", F_INT, true, "the earliest week for the meeting", .min = 0, .max = 1000000},
	{"meeting_max_weeks", F_INT, true, "the latest week for the meeting", .min = 0, .max = 1000000},
	{"plan_working_days", F_INT, true, "the working days to send the plan", .min = 0, .max = 1000000},
	{"review_min_weeks", F_INT, true, "the earliest week for the review", .min = 0, .max = 1000000},
	{"review_max_weeks", F_INT, true, "the latest week for the review", .min = 0, .max = 1000000},
	{"due_soon_working_days", F_INT, true, "the working days before a deadline counts as due soon", .min = 0, .max = 1000000},
	{NULL}};

const struct field_spec SECURITY_FIELDS[] = {
	{"second_factor_required", F_BOOL, true, "whether everyone must use an authenticator app"},
	{"idle_minutes", F_INT, true, "how many minutes an unused session lasts", .min = 5, .max = 480},
	{"absolute_hours", F_INT, true, "how many hours a session lasts at most", .min = 1, .max = 24},
	{NULL}};

int security_from_json(const json_t *o, struct security_settings *s, json_t *errors)
{
	security_defaults(s);
	int n = form_check(o, SECURITY_FIELDS, "", errors);
	if (n > 0)
		return n;
	s->second_factor_required = form_bool(o, "second_factor_required");
	s->idle_minutes = (int)json_integer_value(json_object_get(o, "idle_minutes"));
	s->absolute_hours = (int)json_integer_value(json_object_get(o, "absolute_hours"));
	if (s->idle_minutes > s->absolute_hours * 60) {
		form_error(errors, "idle_minutes", "The idle time cannot be longer than the longest a session lasts");
		return 1;
	}
	return 0;
}

static const char *const WEEKDAYS[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
				       "sunday"};

const struct field_spec SESSION_FIELDS[] = {
	{"weekday", F_STRING, true, "the day of the week the session is held", 20},
	{"start", F_STRING, true, "the time the session starts", 10},
	{"slots", F_INT, true, "how many consultations a session holds", .min = 1, .max = SESSION_MAX_SLOTS},
	{"slot_minutes", F_INT, true, "how long each consultation lasts, in minutes", .min = 10, .max = 180},
	{NULL}};

json_t *sessions_to_json(const struct session_schedule *s)
{
	char start[32];
	snprintf(start, sizeof start, "%02d:%02d", s->start_minutes / 60, s->start_minutes % 60);
	return json_pack("{s:s,s:s,s:i,s:i}", "weekday", WEEKDAYS[s->weekday], "start", start, "slots", s->slots,
			 "slot_minutes", s->slot_minutes);
}

int sessions_from_json(const json_t *o, struct session_schedule *s, json_t *errors)
{
	session_defaults(s);
	int n = form_check(o, SESSION_FIELDS, "", errors);
	if (n > 0)
		return n;
	const char *day = form_str(o, "weekday"), *start = form_str(o, "start");
	s->weekday = -1;
	for (int i = 0; i < 7; i++)
		if (strcmp(day, WEEKDAYS[i]) == 0)
			s->weekday = i;
	if (dt_parse_hhmm(start, &s->start_minutes) != 0) {
		form_error(errors, "start", "Enter the start time like 10:00");
		return 1;
	}
	s->slots = (int)form_int(o, "slots", 0);
	s->slot_minutes = (int)form_int(o, "slot_minutes", 0);
	struct err e = {0};
	if (session_validate(s, &e) != 0) {
		form_error(errors, e.field, e.msg);
		return 1;
	}
	return 0;
}

const struct field_spec SERVICE_FIELDS[] = {
	{"name", F_STRING, true, "the service's name", 200},
	{"address", F_TEXT, false, "the service's postal address", 500},
	{"phone", F_STRING, false, "the service's phone number", 40},
	{"email", F_EMAIL, false, "the service's e-mail address"},
	{"website", F_URL, false, "the service's website", 300},
	{NULL}};

json_t *service_defaults(void)
{
	return json_pack("{s:s}", "name", "Family Group Conference Service");
}

int service_from_json(const json_t *o, json_t **out, json_t *errors)
{
	*out = NULL;
	int n = form_check(o, SERVICE_FIELDS, "", errors);
	if (n > 0)
		return n;
	json_t *s = json_object();
	for (const struct field_spec *f = SERVICE_FIELDS; f->name; f++)
		if (form_str(o, f->name))
			json_object_set_new(s, f->name, json_string(form_str(o, f->name)));
	*out = s;
	return 0;
}

/* Reads the setting `key` and checks it with `check` (one of the
 * *_from_json below, which fills `out` and counts problems). A setting
 * never saved leaves `out` holding the caller's defaults. */
typedef int (*setting_check)(const json_t *o, void *out, json_t *errors);

static int load_setting(struct db *db, const char *key, const char *what, setting_check check, void *out,
			struct err *e)
{
	char *text = NULL;
	if (settings_get(db, key, &text, e) != 0)
		return -1;
	if (!text)
		return 0;
	json_t *o = json_loads(text, 0, NULL), *errors = json_array();
	free(text);
	int bad = !o || check(o, out, errors) > 0;
	json_decref(o);
	json_decref(errors);
	return bad ? err_set(e, ERR_INTERNAL, NULL, "The stored %s are not valid.", what) : 0;
}

static int check_security(const json_t *o, void *out, json_t *errors)
{
	return security_from_json(o, out, errors);
}

static int check_sessions(const json_t *o, void *out, json_t *errors)
{
	return sessions_from_json(o, out, errors);
}

static int check_policy(const json_t *o, void *out, json_t *errors)
{
	return policy_from_json(o, out, errors);
}

/* `out` holds the defaults, replaced when the stored details are good. */
static int check_service(const json_t *o, void *out, json_t *errors)
{
	json_t **service = out, *stored;
	int n = service_from_json(o, &stored, errors);
	if (n == 0) {
		json_decref(*service);
		*service = stored;
	}
	return n;
}

int app_load_config(struct app *app, struct db *db, struct err *e)
{
	struct security_settings sec;
	struct session_schedule sessions;
	struct policy p;
	security_defaults(&sec);
	session_defaults(&sessions);
	policy_defaults(&p);
	if (load_setting(db, "security", "security settings", check_security, &sec, e) != 0 ||
	    load_setting(db, "consultation_sessions", "consultation session settings", check_sessions, &sessions, e) != 0 ||
	    load_setting(db, "timescales", "timescale settings", check_policy, &p, e) != 0)
		return -1;
	struct calendar cal;
	cal_init(&cal, p.nation);
	json_t *service = service_defaults();
	if (holidays_load(db, &cal, e) != 0 ||
	    load_setting(db, "service", "service details", check_service, &service, e) != 0) {
		json_decref(service);
		cal_free(&cal);
		return -1;
	}
	json_decref(app->service);
	app->service = service;
	cal_free(&app->cal);
	app->cal = cal;
	app->policy = p;
	app->security = sec;
	app->sessions = sessions;
	return 0;
}

void app_init(struct app *app, struct db_pool *pool)
{
	memset(app, 0, sizeof *app);
	app->pool = pool;
	session_defaults(&app->sessions);
	policy_defaults(&app->policy);
	security_defaults(&app->security);
	app->service = service_defaults();
	cal_init(&app->cal, app->policy.nation);
	pthread_rwlockattr_t attr;
	pthread_rwlockattr_init(&attr);
	/* A settings change must not wait behind an endless stream of readers. */
	pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&app->config_lock, &attr);
	pthread_rwlockattr_destroy(&attr);
}

void app_free(struct app *app)
{
	cal_free(&app->cal);
	json_decref(app->service);
	tpl_set_free(app->tpl);
	pthread_rwlock_destroy(&app->config_lock);
}
