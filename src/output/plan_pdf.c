/* plan_pdf.c — "Our family plan" (plan_pdf.h) from a case's view model.
 *
 * The words are the family's: what they were worried about and what they
 * agreed, in their own language, with dates written out in full. The
 * document says what the plan is, how everyone will know it is working, what
 * happens if it does not, when the family will meet again and who was
 * there. A revised plan (version 2 onwards, written at a review) also shows
 * how each earlier action went.
 *
 * It reads only the case's view model: one document, the same for everyone
 * it is sent to. The service's name is given by the caller (a setting in
 * time, with its contact details).
 */
#include "plan_pdf.h"
#include "service_contact.h"
#include "pdf.h"
#include "../domain/datetime.h"
#include "../domain/form.h"
#include "../domain/vocab.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const json_t *plan_of_version(const json_t *view, int version)
{
	size_t i;
	const json_t *p;
	json_array_foreach(json_object_get(view, "plans"), i, p)
		if (json_integer_value(json_object_get(p, "version")) == version)
			return p;
	return NULL;
}

/* The actions as a table; a revised plan adds how each earlier one went. */
static void actions_table(struct pdf *d, const json_t *items, bool revised)
{
	static const char *const heads[] = {"What we are worried about", "What will happen", "Who",
					    "By when", "Support", "At the review"};
	static const double widths5[] = {25, 29, 15, 16, 19};
	static const double widths6[] = {20, 24, 13, 15, 13, 15};
	int ncols = revised ? 6 : 5;
	size_t n = json_array_size(items);
	char **cells = xcalloc(n * (size_t)ncols + 1, sizeof *cells);
	size_t i;
	const json_t *it;
	json_array_foreach(items, i, it) {
		char **row = &cells[i * (size_t)ncols];
		char when[48];
		dt_format_iso_day_long(form_str(it, "by_when"), when, sizeof when);
		/* "10 September 2026": the column is narrow. */
		const char *space = strchr(when, ' ');
		if (space)
			memmove(when, space + 1, strlen(space + 1) + 1);
		row[0] = xstrdup(form_str(it, "concern") ? form_str(it, "concern") : "");
		row[1] = xstrdup(form_str(it, "action") ? form_str(it, "action") : "");
		row[2] = xstrdup(form_str(it, "who") ? form_str(it, "who") : "");
		row[3] = xstrdup(when);
		row[4] = xstrdup(form_str(it, "support") ? form_str(it, "support") : "");
		if (revised) {
			struct buf b;
			buf_init(&b);
			if (!form_str(it, "previous_item_id"))
				buf_puts(&b, "New at the review");
			else
				buf_puts(&b, form_str(it, "review_status_title") ? form_str(it, "review_status_title")
									  : "Not looked at");
			if (form_str(it, "review_note"))
				buf_printf(&b, ": %s", form_str(it, "review_note"));
			row[5] = b.data ? buf_steal(&b) : xstrdup("");
		}
	}
	pdf_table(d, ncols, heads, revised ? widths6 : widths5, (const char *const *)cells, (int)n);
	for (size_t k = 0; k < n * (size_t)ncols; k++)
		free(cells[k]);
	free(cells);
}

static bool differs(const json_t *a, const json_t *b, const char *key)
{
	const char *x = form_str(a, key), *y = form_str(b, key);
	return (x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0);
}

/* A revised plan says first what the review changed: how the actions went,
 * what is new, what the family now worries about. */
static void what_changed(struct pdf *d, const json_t *plan, const json_t *before, const json_t *review)
{
	static const char *const STATUSES[] = {"done", "in_progress", "not_done", "no_longer_relevant"};
	int counts[4] = {0}, added = 0;
	size_t i;
	const json_t *it;
	json_array_foreach(json_object_get(plan, "items"), i, it) {
		if (!form_str(it, "previous_item_id")) {
			added++;
			continue;
		}
		for (int k = 0; k < 4; k++)
			if (form_str(it, "review_status") && strcmp(form_str(it, "review_status"), STATUSES[k]) == 0)
				counts[k]++;
	}
	pdf_heading(d, 1, "What changed at the review");
	struct buf b;
	buf_init(&b);
	for (int k = 0; k < 4; k++)
		if (counts[k])
			buf_printf(&b, "%s%s: %d", b.len ? " · " : "", vocab_title(VOCAB_ACTION_STATUS, STATUSES[k]), counts[k]);
	buf_printf(&b, "%sNew actions: %d", b.len ? " · " : "", added);
	pdf_para(d, b.data);
	buf_free(&b);
	if (before && (differs(plan, before, "monitoring") || differs(plan, before, "monitored_by")))
		pdf_para(d, "How the plan will be watched has changed: see \"How we will know the plan is working\".");
	if (before && differs(plan, before, "contingency"))
		pdf_para(d, "The back-up plan has changed: see \"If the plan does not work\".");
	const char *rows[] = {"New worries", form_str(review, "new_issues"), "Still to sort out", form_str(review, "outstanding_issues"),
			      "How the family will keep reviewing it", form_str(review, "further_reviews")};
	const char *shown[6];
	int n = 0;
	for (int k = 0; k < 3; k++)
		if (rows[2 * k + 1]) {
			shown[2 * n] = rows[2 * k];
			shown[2 * n + 1] = rows[2 * k + 1];
			n++;
		}
	if (n)
		pdf_pairs(d, shown, n);
}

/* How someone who was there is described: their relationship to the child
 * when the case records it, else their role. */
static const char *attendee_role(const json_t *view, const json_t *a, char *out, size_t n)
{
	const json_t *person = form_find(json_object_get(view, "people"), "id", form_str(a, "person_id"));
	const char *rel = person ? form_str(person, "relationship") : NULL;
	const char *role = rel ? rel : vocab_title(VOCAB_PERSON_ROLE, form_str(a, "role"));
	if (!role)
		return NULL;
	snprintf(out, n, "%s", role);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

static void who_was_there(struct pdf *d, const json_t *view, const json_t *meeting)
{
	const json_t *list = json_object_get(meeting, "attendance");
	if (!json_is_array(list))
		return; /* not in this reader's view */
	size_t n = json_array_size(list), k = 0, i;
	const char **rows = xcalloc(2 * n + 1, sizeof *rows);
	char (*roles)[120] = xcalloc(n + 1, sizeof *roles);
	const json_t *a;
	json_array_foreach(list, i, a) {
		if (!json_is_true(json_object_get(a, "attended")))
			continue;
		const json_t *person = form_find(json_object_get(view, "people"), "id", form_str(a, "person_id"));
		const char *name = form_str(a, "name") ? form_str(a, "name") : person ? form_str(person, "name") : NULL;
		if (!name)
			continue;
		rows[2 * k] = name;
		rows[2 * k + 1] = attendee_role(view, a, roles[k], sizeof roles[k]);
		k++;
	}
	if (k > 0) {
		pdf_heading(d, 1, "Who was there");
		pdf_pairs(d, rows, (int)k);
	}
	free(rows);
	free(roles);
}

int plan_pdf(const json_t *view, int version, const json_t *service, struct buf *out, struct err *e)
{
	const json_t *plan = plan_of_version(view, version);
	if (!plan)
		return err_set(e, ERR_NOT_FOUND, NULL, "There is no plan of that version on this case.");
	const char *reference = form_str(view, "reference") ? form_str(view, "reference") : "";
	const char *child = form_str(json_object_get(view, "child"), "name");
	const json_t *meeting = form_find(json_object_get(view, "meetings"), "id", form_str(plan, "meeting_id"));
	bool review = meeting && form_str(meeting, "kind") && strcmp(form_str(meeting, "kind"), "review") == 0;
	bool revised = version >= 2;
	char held[48], review_date[48], title[160], header[96], footer[96], text[400];
	dt_format_iso_day_long(meeting ? (form_str(meeting, "held_at") ? form_str(meeting, "held_at") : form_str(meeting, "scheduled_at")) : NULL,
		   held, sizeof held);
	dt_format_iso_day_long(form_str(plan, "review_date"), review_date, sizeof review_date);
	snprintf(title, sizeof title, "Our family plan (%s, version %d)", reference, version);
	snprintf(header, sizeof header, "Case reference %s", reference);
	snprintf(footer, sizeof footer, "Our family plan, version %d", version);

	struct pdf d;
	pdf_open(&d, title, service_name(service), header, footer);
	pdf_heading(&d, 0, revised ? "Our family plan, as revised at the review" : "Our family plan");

	char version_words[64];
	if (revised)
		snprintf(version_words, sizeof version_words, "%d (this replaces version %d)", version, version - 1);
	else
		snprintf(version_words, sizeof version_words, "%d", version);
	char made[96] = "";
	if (held[0])
		snprintf(made, sizeof made, "%s, %s", review ? "The review meeting" : "The family meeting", held);
	const char *about[] = {
		"This plan is for", child,
		review ? "Agreed at" : "Made at", made[0] ? made : NULL,
		"Version", version_words,
	};
	pdf_pairs(&d, about, 3);

	if (revised)
		pdf_para(&d, "This is your family's plan as you agreed it at the review. It shows how each part of "
			     "the earlier plan has gone, and what will happen next: what everyone is worried about, "
			     "what will happen, who will do it and by when.");
	else
		pdf_para(&d, "This is the plan your family made together. It says what everyone is worried about, "
			     "what will happen, who will do it and by when, and who will help. Please keep it "
			     "somewhere safe, and talk to your coordinator if anything in it is not right.");

	const json_t *before = revised ? plan_of_version(view, version - 1) : NULL;
	if (revised)
		what_changed(&d, plan, before, meeting);

	pdf_heading(&d, 1, "Our plan");
	actions_table(&d, json_object_get(plan, "items"), revised);

	bool watch_changed = before && (differs(plan, before, "monitoring") || differs(plan, before, "monitored_by"));
	pdf_heading(&d, 1, watch_changed ? "How we will know the plan is working (changed at the review)"
					 : "How we will know the plan is working");
	if (form_str(plan, "monitoring"))
		pdf_para(&d, form_str(plan, "monitoring"));
	const char *watch[] = {"Who will keep an eye on it", form_str(plan, "monitored_by")};
	pdf_pairs(&d, watch, 1);

	pdf_heading(&d, 1, before && differs(plan, before, "contingency") ? "If the plan does not work (changed at the review)"
									  : "If the plan does not work");
	pdf_para(&d, form_str(plan, "contingency") ? form_str(plan, "contingency") : "The family did not agree a back-up plan.");

	pdf_heading(&d, 1, "When we will meet again");
	if (review_date[0])
		snprintf(text, sizeof text, "We will meet again to review the plan on %s. "
					    "Your coordinator will confirm the time and place.", review_date);
	else
		snprintf(text, sizeof text, "No review meeting has been set. Your coordinator will tell you if one "
					    "is arranged.");
	pdf_para(&d, text);

	if (meeting)
		who_was_there(&d, view, meeting);

	const char *decision = form_str(plan, "referrer_decision");
	if (decision && strcmp(decision, "agreed") == 0) {
		char on[48];
		dt_format_iso_day_long(form_str(plan, "referrer_decided_at"), on, sizeof on);
		snprintf(text, sizeof text, "The person who asked for the family meeting agreed this plan%s%s.",
			 on[0] ? " on " : "", on);
		pdf_note(&d, text);
	}
	service_contact(&d, service, "If you have a question about the plan, or something in it is not working, talk to your "
				     "coordinator or contact the service.");
	return pdf_close(&d, out, e);
}
