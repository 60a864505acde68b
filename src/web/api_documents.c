/* api_documents.c — the documents hearth makes for people to read and
 * print: the family's plan as a PDF (src/output/plan_pdf.c). The handler
 * reads the case as the person asking may see it, so a document never shows
 * more than the case page would. */
#include "api.h"
#include "action.h"
#include "case_view.h"
#include "../domain/form.h"
#include "../output/plan_pdf.h"

#include <stdio.h>
#include <string.h>

/* The service's name on every page. A constant for now: the name and
 * contact details become settings in a later slice. */
#define SERVICE_NAME "Family Group Conference Service"

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

int handle_plan_document(struct app *app, const struct request *req, struct response *res)
{
	static __thread char disposition[120];
	const char *id = http_param(req, "id");
	int version = version_of(http_param(req, "version"));
	if (!form_is_id(id)) {
		http_error(res, 404, NULL, "There is no case with that reference.");
		return 0;
	}
	if (version == 0) {
		http_error(res, 404, NULL, "There is no plan of that version on this case.");
		return 0;
	}
	struct err e = {0};
	json_t *view = NULL;
	struct buf pdf;
	buf_init(&pdf);
	struct db *db = db_pool_get(app->pool);
	int rc = case_view(app, db, id, req->now, &view, &e);
	db_pool_put(app->pool, db);
	/* The plan is one document, the same for everyone it is sent to (the
	 * referrer included): it is made from the whole case, not from the
	 * part of it the reader's screens show. */
	if (rc == 0)
		rc = plan_pdf(view, version, SERVICE_NAME, &pdf, &e);
	if (rc != 0) {
		respond_err(res, &e);
	} else {
		/* The reference is ours ("FTM-2026-0042"); keep only safe characters. */
		char ref[48] = "";
		const char *r = json_string_value(json_object_get(view, "reference"));
		size_t k = 0;
		for (; r && *r && k + 1 < sizeof ref; r++)
			if ((*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z') || (*r >= '0' && *r <= '9') || *r == '-')
				ref[k++] = *r;
		ref[k] = '\0';
		snprintf(disposition, sizeof disposition, "inline; filename=\"plan-%s-v%d.pdf\"", ref, version);
		res->status = 200;
		res->content_type = "application/pdf";
		buf_append(&res->body, pdf.data, pdf.len);
		http_header(res, "Content-Disposition", disposition);
	}
	buf_free(&pdf);
	json_decref(view);
	return 0;
}
