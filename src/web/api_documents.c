/* api_documents.c — the documents hearth makes for people to read and
 * print, as PDFs: the family's plan (src/output/plan_pdf.c), the invitation
 * letter, the closure letters and the evaluation forms. The handler
 * reads the case as the person asking may see it, so a document never shows
 * more than the case page would. */
#include "api.h"
#include "action.h"
#include "case_view.h"
#include "../domain/form.h"
#include "meeting_mail.h"
#include "network_view.h"
#include "../domain/datetime.h"
#include "../domain/safety.h"
#include "../output/closure_pdf.h"
#include "../output/evaluation_pdf.h"
#include "../output/invitation_pdf.h"
#include "../output/plan_pdf.h"

#include <stdio.h>
#include <string.h>

/* A plan version from the address: 1 to 9999, digits only. */
static int version_of(const char *s)
{
	int v = 0;
	if (!s || !*s || strlen(s) > 4 || s[0] == '0')
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* Answers a PDF named "<kind>-<reference><suffix>.pdf". */
static void answer_pdf(struct response *res, const struct buf *pdf, const char *kind, const char *suffix,
		       const json_t *view)
{
	static __thread char disposition[160];
	/* The reference is ours ("FTM-2026-0042"); keep only safe characters. */
	char ref[48] = "", name[96];
	const char *r = json_string_value(json_object_get(view, "reference"));
	size_t k = 0;
	for (; r && *r && k + 1 < sizeof ref; r++)
		if ((*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z') || (*r >= '0' && *r <= '9') || *r == '-')
			ref[k++] = *r;
	ref[k] = '\0';
	snprintf(name, sizeof name, "%s-%s%s", kind, ref, suffix);
	snprintf(disposition, sizeof disposition, "inline; filename=\"%s.pdf\"", name);
	res->status = 200;
	res->content_type = "application/pdf";
	buf_append(&res->body, pdf->data, pdf->len);
	http_header(res, "Content-Disposition", disposition);
}

/* What a handler's document maker is given: the case as the whole view,
 * the connection (for what the view does not hold), the request's own
 * parameters, already checked; it names the file by its kind and suffix. */
struct doc_job {
	struct app *app;
	struct db *db;
	const json_t *view;
	const struct request *req;
	const void *arg;
	const char *kind;
	char suffix[16];
};

/* Every document the same way: the case's view read, the document made
 * from it, answered as a PDF or as the error that stopped it. */
static void serve_pdf(struct app *app, const struct request *req, struct response *res, const char *kind,
		      int (*make)(struct doc_job *, struct buf *, struct err *), const void *arg)
{
	const char *id = http_param(req, "id");
	if (!form_is_id(id)) {
		http_error(res, 404, NULL, "There is no case with that reference.");
		return;
	}
	struct err e = {0};
	json_t *view = NULL;
	struct buf pdf;
	buf_init(&pdf);
	struct db *db = db_pool_get(app->pool);
	int rc = case_view(app, db, id, req->now, &view, &e);
	struct doc_job job = {app, db, view, req, arg, kind, ""};
	if (rc == 0)
		rc = make(&job, &pdf, &e);
	db_pool_put(app->pool, db);
	if (rc != 0)
		respond_err(res, &e);
	else
		answer_pdf(res, &pdf, job.kind, job.suffix, view);
	buf_free(&pdf);
	json_decref(view);
}

/* The plan is one document, the same for everyone it is sent to (the
 * referrer included): it is made from the whole case, not from the part of
 * it the reader's screens show. */
static int make_plan(struct doc_job *j, struct buf *pdf, struct err *e)
{
	int version = *(const int *)j->arg;
	snprintf(j->suffix, sizeof j->suffix, "-v%d", version);
	return plan_pdf(j->view, version, j->app->service, pdf, e);
}

int handle_plan_document(struct app *app, const struct request *req, struct response *res)
{
	int version = version_of(http_param(req, "version"));
	if (version == 0 && form_is_id(http_param(req, "id")))
		http_error(res, 404, NULL, "There is no plan of that version on this case.");
	else
		serve_pdf(app, req, res, "plan", make_plan, &version);
	return 0;
}

/* The pending meeting (arranged, not held, not called off), or NULL. */
static const json_t *pending_meeting(const json_t *view)
{
	size_t i;
	const json_t *m;
	json_array_foreach(json_object_get(view, "meetings"), i, m)
		if (!form_str(m, "held_at") && !form_str(m, "cancelled_at"))
			return m;
	return NULL;
}

/* The letter for one person on the invitation list, only while a meeting is
 * arranged and only when the safety rule allows them its details. */
static int make_invitation_letter(struct doc_job *j, struct buf *pdf, struct err *e)
{
	struct app *app = j->app;
	const json_t *view = j->view;
	int64_t now = j->req->now;
	const json_t *p = form_find(json_object_get(view, "people"), "id", (const char *)j->arg);
	if (!p)
		return err_set(e, ERR_NOT_FOUND, NULL, "There is no such person on this case.");
	const json_t *m = pending_meeting(view);
	if (!m)
		return err_set(e, ERR_CONFLICT, NULL, "No meeting is arranged for this case, so there is nothing to invite anyone to.");
	struct safety_facts f = network_safety_facts(p);
	if (safety_may_send(&f, SEND_MEETING_DETAILS, NULL, e) != 0) {
		e->kind = ERR_CONFLICT;
		return -1;
	}
	if (!form_bool(p, "invited"))
		return err_set(e, ERR_CONFLICT, NULL, "%s is not on the invitation list: invite them first.", form_str(p, "name"));
	char where[1200], when[80], today[48];
	if (meeting_place_words(j->db, m, where, sizeof where, e) != 0)
		return -1;
	dt_format_when_long(dt_instant_or_zero(form_str(m, "scheduled_at")), when, sizeof when);
	dt_format_day_long(dt_london_day(now), today, sizeof today);
	const json_t *alloc = json_object_get(view, "allocation");
	/* Their own address, confidential or not: the letter goes to them. */
	struct invitation_letter l = {
		.to_name = form_str(p, "name"),
		.to_address = safety_address(form_str(p, "person_id"), form_str(p, "address"),
					     form_bool(p, "address_confidential"), form_str(p, "person_id")),
		.reference = form_str(view, "reference"),
		.noun = strcmp(form_str(m, "kind"), "review") == 0 ? "review meeting" : "family meeting",
		.date = today,
		.when = when,
		.where = where,
		.link = form_str(m, "online_link"),
		.coordinator = form_str(alloc, "coordinator_name"),
		.coordinator_email = form_str(alloc, "coordinator_email"),
	};
	return invitation_pdf(&l, app->service, pdf, e);
}

int handle_invitation_letter(struct app *app, const struct request *req, struct response *res)
{
	const char *pid = http_param(req, "pid");
	if (form_is_id(http_param(req, "id")) && !form_is_id(pid))
		http_error(res, 404, NULL, "There is no such person on this case.");
	else
		serve_pdf(app, req, res, "invitation", make_invitation_letter, pid);
	return 0;
}

/* "Version 2, agreed at the review meeting on Wednesday 14 October 2026":
 * the latest plan, or "" when the family made none. */
static void latest_plan_words(const json_t *view, char *out, size_t n)
{
	const json_t *plans = json_object_get(view, "plans"), *latest = NULL, *p;
	size_t i;
	out[0] = '\0';
	json_array_foreach(plans, i, p)
		if (!latest || json_integer_value(json_object_get(p, "version")) >
				       json_integer_value(json_object_get(latest, "version")))
			latest = p;
	if (!latest)
		return;
	const json_t *m = form_find(json_object_get(view, "meetings"), "id", form_str(latest, "meeting_id"));
	char on[48];
	dt_format_iso_day_long(m ? (form_str(m, "held_at") ? form_str(m, "held_at") : form_str(m, "scheduled_at")) : NULL,
			       on, sizeof on);
	bool review = m && form_str(m, "kind") && strcmp(form_str(m, "kind"), "review") == 0;
	snprintf(out, n, "Version %lld%s%s%s", (long long)json_integer_value(json_object_get(latest, "version")),
		 on[0] ? (review ? ", agreed at the review meeting on " : ", made at the family meeting on ") : "", on, "");
}

/* The closure letter for `to`: "referrer", or a person on the case, whom
 * the safety rule must allow a letter. */
static int make_closure_letter(struct doc_job *j, struct buf *pdf, struct err *e)
{
	struct app *app = j->app;
	const json_t *view = j->view;
	const char *to = j->arg ? (const char *)j->arg : "";
	const json_t *closure = json_object_get(view, "closure");
	if (!json_is_object(closure) || !form_str(closure, "reason"))
		return err_set(e, ERR_CONFLICT, NULL, "The case is not closed yet, so there is no closure letter to send.");
	const json_t *child = json_object_get(view, "child");
	const json_t *referrer = json_object_get(view, "referrer");
	const json_t *alloc = json_object_get(view, "allocation");
	char today[48], closed_on[48], born[64] = "", plan[160], role[200] = "", talk_to[200] = "";
	dt_format_day_long(dt_london_day(j->req->now), today, sizeof today);
	dt_format_iso_day_long(form_str(closure, "at"), closed_on, sizeof closed_on);
	dt_format_iso_day_long(form_str(child, "date_of_birth"), born, sizeof born);
	latest_plan_words(view, plan, sizeof plan);
	if (form_str(referrer, "name"))
		snprintf(talk_to, sizeof talk_to, "%s%s%s%s", form_str(referrer, "name"), form_str(referrer, "role") ? " (" : "",
			 form_str(referrer, "role") ? form_str(referrer, "role") : "", form_str(referrer, "role") ? ")" : "");
	struct closure_letter l = {
		.reference = form_str(view, "reference"),
		.child_name = form_str(child, "name"),
		.child_born = born[0] ? born : NULL,
		.date = today,
		.closed_on = closed_on,
		.reason = form_str(closure, "reason"),
		.summary = form_str(closure, "summary"),
		.plan = plan[0] ? plan : NULL,
		.referrer = talk_to[0] ? talk_to : NULL,
		.coordinator = form_str(alloc, "coordinator_name"),
		.coordinator_email = form_str(alloc, "coordinator_email"),
	};
	if (strcmp(to, "referrer") == 0) {
		if (!form_str(referrer, "name"))
			return err_set(e, ERR_NOT_FOUND, NULL, "This case has no referrer recorded.");
		snprintf(role, sizeof role, "%s%s%s", form_str(referrer, "role") ? form_str(referrer, "role") : "",
			 form_str(referrer, "role") && form_str(referrer, "organisation") ? ", " : "",
			 form_str(referrer, "organisation") ? form_str(referrer, "organisation") : "");
		l.audience = LETTER_REFERRER;
		l.to_name = form_str(referrer, "name");
		l.to_role = role[0] ? role : NULL;
		return closure_pdf(&l, app->service, pdf, e);
	}
	const json_t *p = form_is_id(to) ? form_find(json_object_get(view, "people"), "id", to) : NULL;
	if (!p)
		return err_set(e, ERR_NOT_FOUND, NULL, "There is no such person on this case.");
	struct safety_facts f = network_safety_facts(p);
	if (safety_may_send(&f, SEND_LETTER, NULL, e) != 0) {
		e->kind = ERR_CONFLICT;
		return -1;
	}
	l.audience = letter_audience_of_role(form_str(p, "role"));
	l.to_name = form_str(p, "name");
	/* Their own address, confidential or not: the letter goes to them. */
	l.to_address = safety_address(form_str(p, "person_id"), form_str(p, "address"), form_bool(p, "address_confidential"),
				      form_str(p, "person_id"));
	if (l.audience == LETTER_PROFESSIONAL && form_str(p, "relationship"))
		l.to_role = form_str(p, "relationship");
	return closure_pdf(&l, app->service, pdf, e);
}

int handle_closure_letter(struct app *app, const struct request *req, struct response *res)
{
	serve_pdf(app, req, res, "closure", make_closure_letter, http_param(req, "to"));
	return 0;
}

/* The meeting evaluations are about: the family meeting, held or arranged. */
static void meeting_words(const json_t *view, char *out, size_t n)
{
	size_t i;
	const json_t *m;
	out[0] = '\0';
	json_array_foreach(json_object_get(view, "meetings"), i, m) {
		if (!form_str(m, "kind") || strcmp(form_str(m, "kind"), "family") != 0 || form_str(m, "cancelled_at"))
			continue;
		char on[48];
		dt_format_iso_day_long(form_str(m, "held_at") ? form_str(m, "held_at") : form_str(m, "scheduled_at"), on, sizeof on);
		snprintf(out, n, "The family meeting on %s", on);
	}
}

static int make_evaluation_form(struct doc_job *j, struct buf *pdf, struct err *e)
{
	bool child = *(const bool *)j->arg;
	char meeting[96];
	meeting_words(j->view, meeting, sizeof meeting);
	struct evaluation_form f = {
		.child = child,
		.reference = form_str(j->view, "reference"),
		/* The child's own form has their name on it; a family member's is left for them. */
		.name = child ? form_str(json_object_get(j->view, "child"), "name") : NULL,
		.meeting = meeting[0] ? meeting : NULL,
	};
	j->kind = child ? "evaluation-child" : "evaluation-family";
	return evaluation_pdf(&f, j->app->service, pdf, e);
}

int handle_evaluation_form(struct app *app, const struct request *req, struct response *res)
{
	const char *kind = http_param(req, "kind");
	bool child = kind && strcmp(kind, "child") == 0;
	if (form_is_id(http_param(req, "id")) && !child && !(kind && strcmp(kind, "family") == 0))
		http_error(res, 404, NULL, "There are two evaluation forms: \"family\" and \"child\".");
	else
		serve_pdf(app, req, res, "evaluation", make_evaluation_form, &child);
	return 0;
}
