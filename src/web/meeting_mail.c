/* meeting_mail.c — e-mailed invitations to a meeting (meeting_mail.h). */
#include "meeting_mail.h"
#include "mail_queue.h"
#include "network_view.h"
#include "../domain/datetime.h"
#include "../output/ical.h"
#include "../store/case_store.h"
#include "../store/meeting_store.h"
#include "../store/outbox_store.h"
#include "../store/people_store.h"
#include "../store/venue_store.h"
#include "../util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How long the calendar holds for each kind of meeting. */
#define FAMILY_MEETING_SECONDS (3 * 3600)
#define REVIEW_MEETING_SECONDS (2 * 3600)

struct meeting_words {
	const char *noun;  /* "family meeting" */
	char when[80];     /* "Tuesday 3 March 2026 at 6pm" */
	char where[1200];  /* venue, its address and how to get in */
	const char *link;
	const char *coordinator, *coordinator_email;
	const char *reference;
};

int meeting_place_words(struct db *db, const json_t *meeting, char *out, size_t n, struct err *e)
{
	const char *venue = form_str(meeting, "venue");
	out[0] = '\0';
	if (!venue)
		return 0;
	json_t *venues;
	if (venue_list(db, true, &venues, e) != 0)
		return -1;
	const json_t *known = form_find(venues, "name", venue);
	const char *addr = form_str(known, "address"), *notes = form_str(known, "access_notes");
	struct buf b;
	buf_init(&b);
	buf_puts(&b, venue);
	/* The address on one line: a calendar's location is one line. */
	if (addr) {
		buf_puts(&b, ", ");
		for (const char *a = addr; *a; a++)
			if (*a == '\n')
				buf_puts(&b, a > addr && a[-1] == ',' ? " " : ", ");
			else if (*a != '\r')
				buf_append(&b, a, 1);
	}
	if (notes)
		buf_printf(&b, "\n%s", notes);
	snprintf(out, n, "%s", b.data);
	utf8_trim(out);
	buf_free(&b);
	json_decref(venues);
	return 0;
}

static void invitation_text(const struct meeting_words *w, const char *name, enum invite_message what,
			    enum invite_change change, bool had_one, struct buf *out)
{
	buf_printf(out, "Dear %s,\n\n", name);
	if (what == INVITE_CANCEL && change == INVITE_MEETING_CANCELLED) {
		buf_printf(out, "The %s on %s has been cancelled. Your calendar will remove it.\n\n", w->noun, w->when);
	} else if (what == INVITE_CANCEL) {
		buf_printf(out, "You are no longer on the list of people invited to the %s on %s. Your calendar "
				"will remove it. Your coordinator will talk to you about it.\n\n",
			   w->noun, w->when);
	} else {
		buf_printf(out, had_one ? "The %s has been changed. This replaces the invitation you had before.\n\n"
					: "You are invited to a %s.\n\n",
			   w->noun);
		buf_printf(out, "When: %s\n", w->when);
		if (w->where[0])
			buf_printf(out, "Where: %s\n", w->where);
		if (w->link)
			buf_printf(out, "Join online: %s\n", w->link);
		buf_puts(out, "\nThe invitation attached adds the meeting to your calendar.\n\n"
			      "If you cannot come, or you need anything to take part, such as an interpreter, help "
			      "with travel or with getting into the building, please tell us.\n\n");
	}
	if (w->coordinator)
		buf_printf(out, "Your coordinator is %s%s%s%s. You can reply to this e-mail to reach them.\n\n",
			   w->coordinator, w->coordinator_email ? " (" : "",
			   w->coordinator_email ? w->coordinator_email : "", w->coordinator_email ? ")" : "");
	buf_printf(out, "Please quote %s if you contact us.\n\n", w->reference);
}

static int send_to(struct action_ctx *ctx, const json_t *meeting, const struct meeting_words *w,
		   const json_t *person, enum invite_message what, enum invite_change change, bool had_one)
{
	int64_t start = dt_instant_or_zero(form_str(meeting, "scheduled_at"));
	bool review = strcmp(form_str(meeting, "kind"), "review") == 0;
	int sequence = (int)form_int(meeting, "sequence", 0);
	const char *name = form_str(person, "name");
	char uid[80], summary[120], subject[200], description[600];
	snprintf(uid, sizeof uid, "%s@hearth", form_str(meeting, "id"));
	snprintf(summary, sizeof summary, "%s", review ? "Review meeting" : "Family meeting");
	snprintf(description, sizeof description, "%s arranged by %s.%s%s", summary,
		 form_str(ctx->app->service, "name"), w->coordinator ? " Your coordinator is " : "",
		 w->coordinator ? w->coordinator : "");
	if (what == INVITE_CANCEL)
		snprintf(subject, sizeof subject, "Cancelled: %s on %s", w->noun, w->when);
	else if (had_one)
		snprintf(subject, sizeof subject, "Changed: %s now on %s", w->noun, w->when);
	else
		snprintf(subject, sizeof subject, "Invitation: %s on %s", w->noun, w->when);
	struct ical_event ev = {
		.method = what == INVITE_CANCEL ? ICAL_CANCEL : ICAL_REQUEST,
		.uid = uid,
		.sequence = sequence,
		.stamp = ctx->req->now,
		.start = start,
		.end = start + (review ? REVIEW_MEETING_SECONDS : FAMILY_MEETING_SECONDS),
		.summary = summary,
		.location = w->where[0] ? w->where : NULL,
		.url = w->link,
		.description = description,
		.organizer_name = form_str(ctx->app->service, "name"),
		.organizer_email = mail_sender(ctx->app),
		.attendee_name = name,
		.attendee_email = form_str(person, "email"),
	};
	struct buf ics, text;
	buf_init(&ics);
	buf_init(&text);
	invitation_text(w, name, what, change, had_one, &text);
	char ctype[80];
	snprintf(ctype, sizeof ctype, "text/calendar; method=%s; charset=UTF-8", ical_method_name(ev.method));
	int rc = ical_write(&ev, &ics, &ctx->err);
	if (rc == 0) {
		struct mail_attachment a = {ctype, "invitation.ics", ics.data, ics.len};
		struct queued_mail m = {
			.kind = what == INVITE_CANCEL ? "invitation_cancel" : "invitation",
			.meeting_id = form_str(meeting, "id"),
			.member_id = form_str(person, "id"),
			.to_name = name,
			.to_email = form_str(person, "email"),
			.reply_to_name = w->coordinator,
			.reply_to_email = w->coordinator_email,
			.subject = subject,
			.text = text.data,
			.attachment = &a,
		};
		/* Anything still waiting for them about this meeting is out of date. */
		rc = outbox_supersede(ctx->db, m.meeting_id, m.member_id, &ctx->err);
		if (rc == 0)
			rc = mail_queue(ctx, &m);
	}
	buf_free(&ics);
	buf_free(&text);
	return rc;
}

int meeting_mail_sync(struct action_ctx *ctx, const char *kind, const char *meeting_id,
		      enum invite_change change)
{
	char pending[33];
	if (!meeting_id) {
		if (meeting_pending(ctx->db, ctx->case_id, kind, pending, NULL, &ctx->err) != 0)
			return -1;
		if (!pending[0])
			return 0;
		meeting_id = pending;
	}
	json_t *meetings = NULL, *people = NULL, *holders = NULL, *c = NULL;
	int rc = -1;
	if (meeting_list(ctx->db, ctx->case_id, &meetings, &ctx->err) != 0 ||
	    person_list(ctx->db, ctx->case_id, &people, &ctx->err) != 0 ||
	    outbox_invited(ctx->db, meeting_id, &holders, &ctx->err) != 0 ||
	    case_get(ctx->db, ctx->case_id, &c, &ctx->err) != 0)
		goto out;
	const json_t *meeting = form_find(meetings, "id", meeting_id);
	const json_t *alloc = json_object_get(c, "allocation");
	struct meeting_words w = {
		.noun = strcmp(kind, "review") == 0 ? "review meeting" : "family meeting",
		.link = form_str(meeting, "online_link"),
		.coordinator = form_str(alloc, "coordinator_name"),
		.coordinator_email = form_str(alloc, "coordinator_email"),
		.reference = form_str(c, "reference"),
	};
	dt_format_when_long(dt_instant_or_zero(form_str(meeting, "scheduled_at")), w.when, sizeof w.when);
	if (!meeting || meeting_place_words(ctx->db, meeting, w.where, sizeof w.where, &ctx->err) != 0)
		goto out;
	/* A meeting whose time has passed is recorded, not announced. */
	rc = 0;
	if (dt_instant_or_zero(form_str(meeting, "scheduled_at")) <= ctx->req->now)
		goto out;
	size_t n = json_array_size(people), i;
	enum invite_message *owed = xcalloc(n + 1, sizeof *owed);
	bool *had = xcalloc(n + 1, sizeof *had), cancels = false;
	const json_t *p;
	json_array_foreach(people, i, p) {
		struct invitee who = {
			.invited = form_bool(p, "invited"),
			.has_email = mail_address_ok(form_str(p, "email")),
			.holds_invitation = form_find(holders, "member_id", form_str(p, "id")) != NULL,
			.facts = network_safety_facts(p),
		};
		had[i] = who.holds_invitation;
		owed[i] = invitation_owed(&who, change);
		cancels = cancels || owed[i] == INVITE_CANCEL;
	}
	/* A cancellation is a new version of the event (RFC 5546): the
	 * meeting's SEQUENCE goes up, and anything sent later carries it. */
	if (cancels) {
		rc = meeting_bump_sequence(ctx->db, meeting_id, &ctx->err);
		json_object_set_new((json_t *)meeting, "sequence", json_integer(form_int(meeting, "sequence", 0) + 1));
	}
	json_array_foreach(people, i, p) {
		if (rc != 0)
			break;
		if (owed[i] != INVITE_NOTHING)
			rc = send_to(ctx, meeting, &w, p, owed[i], change, had[i]);
	}
	free(owed);
	free(had);
out:
	json_decref(meetings);
	json_decref(people);
	json_decref(holders);
	json_decref(c);
	return rc;
}
