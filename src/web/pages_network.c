/* pages_network.c — what the family network's pages need beyond their
 * JSON (pages.h): lists to choose people and households from, checkboxes
 * with what is ticked, the person or exclusion the address names, and the
 * search for someone already recorded. */
#include "pages.h"
#include "page.h"
#include "guard.h"
#include "network_view.h"
#include "../domain/form.h"
#include "../store/case_store.h"
#include "../store/meeting_store.h"
#include "../store/people_store.h"
#include "../util/utf8.h"

#include <stdio.h>
#include <string.h>

json_t *page_options(const json_t *items, const json_t *selected)
{
	json_t *out = json_array();
	size_t i;
	const json_t *it;
	json_array_foreach(items, i, it) {
		json_t *o = json_deep_copy(it);
		const char *v = json_string_value(json_object_get(it, "value"));
		if (v && form_holds(selected, v))
			json_object_set_new(o, "checked", json_true());
		json_array_append_new(out, o);
	}
	page_number(out);
	return out;
}

int page_network(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	json_t *model = json_object_get(ctx, "model"), *values = json_object_get(ctx, "values");
	const char *id = http_param(req, "id");
	json_t *people = json_array(), *members = json_array(), *households = json_array(), *invite = json_array();
	size_t i;
	json_t *p;
	/* What is ticked: what was typed when the form comes back, else the records. */
	bool typed = json_object_size(values) > 0;
	/* "Change this household": ?household=<id> opens it with its people ticked. */
	const char *asked = http_query(req, "household");
	json_t *asked_home = form_find(json_object_get(model, "households"), "id", asked);
	if (asked_home && !form_str(values, "household_id")) {
		json_object_set_new(values, "household_id", json_string(asked));
		json_object_set(values, "label", json_object_get(asked_home, "label"));
	}
	const char *hid = form_str(values, "household_id");
	json_object_set_new(ctx, "household_title", json_string(hid ? "Change a household" : "Record a household"));
	json_t *ticked_home = json_array();
	json_array_foreach(json_object_get(model, "people"), i, p) {
		const char *pid = form_str(p, "id"), *name = form_str(p, "name");
		json_array_append_new(people, json_pack("{s:s,s:s}", "value", pid, "text", name));
		if (!json_is_true(json_object_get(p, "subject")))
			json_array_append_new(members, json_pack("{s:s,s:s}", "value", pid, "text", name));
		const char *barred = form_str(p, "barred");
		json_t *o = json_pack("{s:s,s:s,s:s}", "value", pid, "text", name, "status_title",
				      form_str(p, "status_title"));
		if (barred && !json_is_true(json_object_get(p, "invited")))
			json_object_set_new(o, "barred", json_string(barred));
		if (typed ? form_holds(json_object_get(values, "invited"), pid) : json_is_true(json_object_get(p, "invited")))
			json_object_set_new(o, "checked", json_true());
		json_array_append_new(invite, o);
		if (hid && form_str(p, "household_id") && strcmp(form_str(p, "household_id"), hid) == 0)
			json_array_append_new(ticked_home, json_string(pid));
	}
	json_array_foreach(json_object_get(model, "households"), i, p)
		json_array_append_new(households, json_pack("{s:s,s:s}", "value", form_str(p, "id"), "text", form_str(p, "label")));
	json_t *choices = json_object_get(ctx, "choices");
	json_object_set_new(choices, "people", people);
	json_object_set_new(choices, "members", members);
	json_object_set_new(choices, "households", households);
	page_number(invite);
	json_object_set_new(ctx, "invite_options", invite);
	/* Who lives in the household: typed, or (choosing an existing one) its people. */
	json_t *home = json_object_get(values, "members");
	json_object_set_new(ctx, "member_options", page_options(people, home ? home : ticked_home));
	json_decref(ticked_home);
	char href[96];
	snprintf(href, sizeof href, "/api/cases/%s/genogram", id ? id : "");
	json_object_set_new(ctx, "genogram_src", json_string(href));
	snprintf(href, sizeof href, "/cases/%s/network", id ? id : "");
	json_object_set_new(ctx, "network_href", json_string(href));
	snprintf(href, sizeof href, "/cases/%s/invitations", id ? id : "");
	json_object_set_new(ctx, "invitations_href", json_string(href));
	const char *member = http_query(req, "member");
	if (member && form_is_id(member) && !form_str(values, "member_id"))
		json_object_set_new(values, "member_id", json_string(member));
	json_t *chosen = form_find(json_object_get(model, "people"), "id", form_str(values, "member_id"));
	if (chosen)
		json_object_set(ctx, "member", chosen);
	json_t *x = form_find(json_object_get(model, "exclusions"), "id", http_param(req, "xid"));
	if (x)
		json_object_set(ctx, "exclusion", x);
	/* While a meeting is arranged, anyone invited without an e-mail address
	 * is sent a printed letter. */
	char family[33], review[33];
	struct db *db = db_pool_get(app->pool);
	int rc = id && form_is_id(id) && (meeting_pending(db, id, "family", family, NULL, e) != 0 ||
					  meeting_pending(db, id, "review", review, NULL, e) != 0);
	db_pool_put(app->pool, db);
	if (rc)
		return -1;
	json_object_set_new(ctx, "meeting_arranged", json_boolean(id && form_is_id(id) && (family[0] || review[0])));
	return page_case(app, req, ctx, e);
}

int page_person_search(struct app *app, const struct request *req, json_t *ctx, struct err *e)
{
	const char *q = http_query(req, "q");
	if (q && utf8_chars(q) >= 2 && utf8_chars(q) <= 100 && req->who) {
		struct case_visibility see;
		guard_visibility(req->who, &see);
		json_t *found = NULL;
		struct db *db = db_pool_get(app->pool);
		int rc = person_search(db, q, &see, &found, e);
		db_pool_put(app->pool, db);
		if (rc != 0)
			return -1;
		/* Whether each is already on this case; their age in words. */
		size_t i, j;
		json_t *p, *c;
		json_array_foreach(found, i, p) {
			network_age_words(p);
			bool here = false;
			json_array_foreach(json_object_get(p, "cases"), j, c) here = here || (http_param(req, "id") && form_str(c, "id") && strcmp(form_str(c, "id"), http_param(req, "id")) == 0);
			json_object_set_new(p, "on_this_case", json_boolean(here));
		}
		json_object_set_new(ctx, "search_results", found);
		json_object_set_new(ctx, "searched", json_true());
	} else if (q) {
		json_object_set_new(ctx, "search_error", json_string("Enter between 2 and 100 characters of the person's name"));
	}
	return page_case(app, req, ctx, e);
}
