/* plan_recipients.c — who should be sent the plan (plan_recipients.h). */
#include "plan_recipients.h"
#include "network_view.h"
#include "../domain/form.h"
#include "../domain/safety.h"
#include "../output/mail_message.h"

#include <string.h>

static const json_t *latest_plan(const json_t *view)
{
	const json_t *plans = json_object_get(view, "plans");
	size_t n = json_array_size(plans);
	return n ? json_array_get(plans, n - 1) : NULL;
}

/* What has been done for this recipient about this plan: a distribution
 * recorded (sent), or the newest plan e-mail still on its way. */
static void progress(json_t *o, const json_t *view, const json_t *plan, const char *member_id, const char *name)
{
	size_t i;
	const json_t *d, *m, *mail = NULL;
	json_int_t version = json_integer_value(json_object_get(plan, "version"));
	json_object_set_new(o, "sent", json_false());
	json_array_foreach(json_object_get(view, "distributions"), i, d) {
		if (json_integer_value(json_object_get(d, "plan_version")) != version)
			continue;
		bool same = member_id ? form_str(d, "person_id") && strcmp(form_str(d, "person_id"), member_id) == 0
				      : !form_str(d, "person_id") && form_str(d, "recipient") && name &&
						strncmp(form_str(d, "recipient"), name, strlen(name)) == 0;
		if (same) {
			json_object_set_new(o, "sent", json_true());
			json_object_set(o, "sent_at", json_object_get(d, "sent_at"));
			json_object_set(o, "sent_method_title", json_object_get(d, "method_title"));
		}
	}
	json_array_foreach(json_object_get(view, "mail"), i, m) {
		if (!form_str(m, "plan_id") || strcmp(form_str(m, "plan_id"), form_str(plan, "id")) != 0)
			continue;
		bool same = member_id ? form_str(m, "member_id") && strcmp(form_str(m, "member_id"), member_id) == 0
				      : !form_str(m, "member_id");
		if (same)
			mail = m;
	}
	json_object_set(o, "mail_state", mail ? json_object_get(mail, "state") : json_null());
	json_object_set(o, "mail_state_title", mail ? json_object_get(mail, "state_title") : json_null());
	const char *st = mail ? form_str(mail, "state") : NULL;
	bool on_its_way = st && (strcmp(st, "queued") == 0 || strcmp(st, "sending") == 0 || strcmp(st, "sent") == 0);
	json_object_set_new(o, "can_email", json_boolean(json_is_true(json_object_get(o, "has_email")) && !on_its_way &&
							     !json_is_true(json_object_get(o, "sent"))));
}

static bool attended(const json_t *meeting, const char *member_id)
{
	size_t i;
	const json_t *a;
	json_array_foreach(json_object_get(meeting, "attendance"), i, a)
		if (json_is_true(json_object_get(a, "attended")) && form_str(a, "person_id") &&
		    strcmp(form_str(a, "person_id"), member_id) == 0)
			return true;
	return false;
}

json_t *plan_recipients(const json_t *view)
{
	json_t *list = json_array();
	const json_t *plan = latest_plan(view);
	if (!plan || !json_is_array(json_object_get(view, "people")))
		return list;
	const json_t *meeting = form_find(json_object_get(view, "meetings"), "id", form_str(plan, "meeting_id"));
	size_t i;
	const json_t *p;
	json_array_foreach(json_object_get(view, "people"), i, p) {
		const char *id = form_str(p, "id");
		bool was_there = meeting && id && attended(meeting, id);
		bool involved = was_there || form_bool(p, "invited") || form_bool(p, "parental_responsibility");
		struct safety_facts f = network_safety_facts(p);
		if (!id || !involved || safety_may_send(&f, SEND_PLAN, NULL, NULL) != 0)
			continue;
		bool email = mail_address_ok(form_str(p, "email"));
		json_t *o = json_pack("{s:s,s:s,s:s,s:b,s:s}", "member_id", id, "name", form_str(p, "name"), "why",
				      was_there ? "Was at the meeting" : form_bool(p, "invited") ? "Invited to the meeting"
												 : "Has parental responsibility",
				      "has_email", email, "how", email ? "E-mail" : "Letter to print");
		progress(o, view, plan, id, form_str(p, "name"));
		json_array_append_new(list, o);
	}
	const json_t *r = json_object_get(view, "referrer");
	if (form_str(r, "name")) {
		bool email = mail_address_ok(form_str(r, "email"));
		json_t *o = json_pack("{s:n,s:s,s:s,s:b,s:s}", "member_id", "name", form_str(r, "name"), "why",
				      "Referred the family", "has_email", email, "how", email ? "E-mail" : "Letter to print");
		progress(o, view, plan, NULL, form_str(r, "name"));
		json_array_append_new(list, o);
	}
	return list;
}
