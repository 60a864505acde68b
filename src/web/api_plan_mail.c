/* api_plan_mail.c — e-mailing the family plan: each chosen recipient is
 * sent the plan's PDF through the outbox, queued in this change's own
 * transaction. When the mail worker has sent a message, its recipient is
 * recorded as sent the plan (store/outbox_store.c), so the plan's 5-day
 * clock is met by what really went, not by what was asked for.
 *
 * The body says only that the plan is attached: no case narrative in an
 * e-mail. The safety rule decides, for each person, whether they may be
 * sent the plan at all. */
#include "api.h"
#include "action.h"
#include "case_view.h"
#include "mail_queue.h"
#include "../domain/datetime.h"
#include "../output/plan_pdf.h"
#include "../store/case_store.h"
#include "../store/outbox_store.h"
#include "../store/plan_store.h"

#include <stdio.h>
#include <string.h>

static const struct field_spec SEND_PLAN_FIELDS[] = {
	{"people", F_IDS, false, "who to e-mail the plan to"},
	{"referrer", F_BOOL, false, "whether to e-mail the plan to the referrer"},
	{NULL}};

/* Who is e-mailed, with their place on the case (NULL for the referrer). */
static void add_to(json_t *list, const char *member_id, const char *name, const char *email)
{
	json_t *o = json_pack("{s:s,s:s}", "name", name, "email", email);
	json_object_set_new(o, "member_id", member_id ? json_string(member_id) : json_null());
	json_array_append_new(list, o);
}

static int prepare_send_plan(struct action_ctx *ctx)
{
	if (plan_current(ctx->db, ctx->case_id, &ctx->scratch, &ctx->err) != 0)
		return -1;
	const char *plan_id = form_str(ctx->scratch, "id");
	snprintf(ctx->ref, sizeof ctx->ref, "%s", plan_id ? plan_id : "");
	json_t *people = json_object_get(ctx->in, "people");
	bool referrer = form_bool(ctx->in, "referrer");
	if (json_array_size(people) == 0 && !referrer) {
		form_error(ctx->errors, "people", "Choose who to e-mail the plan to");
		return 0;
	}
	json_t *to = json_array();
	json_object_set_new(ctx->scratch, "to", to);
	size_t i;
	json_t *id;
	json_array_foreach(people, i, id) {
		json_t *p = NULL;
		if (action_person(ctx, json_string_value(id), "people", &p) != 0)
			return -1;
		if (!p)
			continue;
		const char *name = form_str(p, "name"), *email = form_str(p, "email");
		bool already = false;
		if (!action_may_send(ctx, p, SEND_PLAN, "people")) {
			/* action_may_send has said why. */
		} else if (!mail_address_ok(email)) {
			char msg[600];
			snprintf(msg, sizeof msg, "%s has no e-mail address: print the plan and post it or give it by hand, "
						  "then record it", name);
			form_error(ctx->errors, "people", msg);
		} else if (outbox_plan_sent(ctx->db, ctx->ref, form_str(p, "id"), &already, &ctx->err) != 0) {
			json_decref(p);
			return -1;
		} else if (already) {
			char msg[600];
			snprintf(msg, sizeof msg, "%s has already been e-mailed this version of the plan", name);
			form_error(ctx->errors, "people", msg);
		} else {
			add_to(to, form_str(p, "id"), name, email);
		}
		json_decref(p);
	}
	if (referrer) {
		json_t *c = NULL;
		if (case_get(ctx->db, ctx->case_id, &c, &ctx->err) != 0)
			return -1;
		const json_t *r = json_object_get(c, "referrer");
		bool already = false;
		if (!mail_address_ok(form_str(r, "email")))
			form_error(ctx->errors, "referrer", "The referrer has no e-mail address on the case: change the consultation's details, or post the plan and record it");
		else if (outbox_plan_sent(ctx->db, ctx->ref, NULL, &already, &ctx->err) != 0) {
			json_decref(c);
			return -1;
		} else if (already)
			form_error(ctx->errors, "referrer", "The referrer has already been e-mailed this version of the plan");
		else
			add_to(to, NULL, form_str(r, "name"), form_str(r, "email"));
		json_decref(c);
	}
	return 0;
}

static int apply_send_plan(struct action_ctx *ctx)
{
	json_t *view = NULL;
	struct buf pdf;
	buf_init(&pdf);
	int version = (int)json_integer_value(json_object_get(ctx->scratch, "version"));
	/* The document as everyone is sent it: the same as the case's download. */
	int rc = case_view(ctx->app, ctx->db, ctx->case_id, ctx->req->now, &view, &ctx->err);
	if (rc == 0)
		rc = plan_pdf(view, version, ctx->app->service, &pdf, &ctx->err);
	const char *reference = form_str(view, "reference");
	const json_t *alloc = json_object_get(view, "allocation");
	char subject[200], filename[96];
	snprintf(subject, sizeof subject, "Your family plan (%s)", reference ? reference : "");
	snprintf(filename, sizeof filename, "plan-%s-v%d.pdf", reference ? reference : "", version);
	struct mail_attachment att = {"application/pdf", filename, pdf.data, pdf.len};
	size_t i, n = 0;
	json_t *t;
	json_array_foreach(json_object_get(ctx->scratch, "to"), i, t) {
		if (rc != 0)
			break;
		char text[1500];
		snprintf(text, sizeof text,
			 "Dear %s,\n\nThe family plan is attached (version %d, case reference %s), as it was agreed. "
			 "Please keep it somewhere safe.\n\nIt is a PDF: open it with any PDF reader, or print it. If you "
			 "cannot open it, or would like it on paper or in another language, reply to this e-mail or "
			 "contact us.\n\nPlease quote %s if you contact us.\n\n",
			 form_str(t, "name"), version, reference, reference);
		struct queued_mail m = {
			.kind = "plan",
			.member_id = form_str(t, "member_id"),
			.to_name = form_str(t, "name"),
			.to_email = form_str(t, "email"),
			.reply_to_name = form_str(alloc, "coordinator_name"),
			.reply_to_email = form_str(alloc, "coordinator_email"),
			.subject = subject,
			.text = text,
			.attachment = &att,
			.plan_id = ctx->ref,
		};
		rc = mail_queue(ctx, &m);
		n++;
	}
	snprintf(ctx->summary, sizeof ctx->summary, "The plan (version %d) was queued to be e-mailed to %zu recipient%s",
		 version, n, n == 1 ? "" : "s");
	buf_free(&pdf);
	json_decref(view);
	return rc;
}

static const struct stage_action SEND_PLAN_ACTION = {ACT_SEND_PLAN, SEND_PLAN_FIELDS, prepare_send_plan, apply_send_plan};

int handle_send_plan(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &SEND_PLAN_ACTION);
	return 0;
}
