/* test_mail.c — what an invitation e-mail is made of: who is owed which
 * invitation message (domain/invitations.c), the calendar event
 * (output/ical.c) and the message's bytes (output/mail_message.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/clocks.h"
#include "domain/invitations.h"
#include "output/ical.h"
#include "output/mail_message.h"

static void test_who_is_owed_which_message(void **state)
{
	(void)state;
	struct invitee p = {.invited = true, .has_email = true, .facts = {.name = "Anna"}};
	assert_int_equal(invitation_owed(&p, INVITE_MEETING_ARRANGED), INVITE_REQUEST);
	assert_int_equal(invitation_owed(&p, INVITE_LIST_CHANGED), INVITE_REQUEST);
	assert_int_equal(invitation_owed(&p, INVITE_MEETING_CANCELLED), INVITE_NOTHING);
	p.holds_invitation = true;
	assert_int_equal(invitation_owed(&p, INVITE_MEETING_ARRANGED), INVITE_REQUEST); /* the new version */
	assert_int_equal(invitation_owed(&p, INVITE_LIST_CHANGED), INVITE_NOTHING);    /* already has it */
	assert_int_equal(invitation_owed(&p, INVITE_MEETING_CANCELLED), INVITE_CANCEL);
	p.invited = false;
	assert_int_equal(invitation_owed(&p, INVITE_LIST_CHANGED), INVITE_CANCEL);
	assert_int_equal(invitation_owed(&p, INVITE_MEETING_ARRANGED), INVITE_CANCEL);
	p.holds_invitation = false;
	assert_int_equal(invitation_owed(&p, INVITE_LIST_CHANGED), INVITE_NOTHING);
	assert_int_equal(invitation_owed(&p, INVITE_MEETING_ARRANGED), INVITE_NOTHING);
	/* No address: a letter, not an e-mail. */
	struct invitee q = {.invited = true, .has_email = false, .facts = {.name = "Jan"}};
	assert_int_equal(invitation_owed(&q, INVITE_MEETING_ARRANGED), INVITE_NOTHING);
}

static void test_protected_people_are_sent_nothing_not_even_a_cancellation(void **state)
{
	(void)state;
	const enum invite_change changes[] = {INVITE_MEETING_ARRANGED, INVITE_LIST_CHANGED, INVITE_MEETING_CANCELLED};
	struct safety_facts barred[] = {
		{.name = "Robert", .excluded = true, .exclusion_reason = "domestic_violence"},
		{.name = "Olga", .restriction = "no_meeting_details"},
		{.name = "Nan", .deceased = true},
	};
	for (size_t b = 0; b < 3; b++)
		for (int invited = 0; invited < 2; invited++)
			for (int holds = 0; holds < 2; holds++)
				for (size_t c = 0; c < 3; c++) {
					struct invitee p = {invited, true, holds, barred[b]};
					assert_int_equal(invitation_owed(&p, changes[c]), INVITE_NOTHING);
				}
}

static char *ical(const struct ical_event *ev)
{
	struct buf b;
	buf_init(&b);
	struct err e = {0};
	assert_int_equal(ical_write(ev, &b, &e), 0);
	return buf_steal(&b);
}

static void test_calendar_event(void **state)
{
	(void)state;
	struct ical_event ev = {
		.method = ICAL_REQUEST, .uid = "0123abcd@hearth", .sequence = 2, .stamp = 1795000000,
		.start = 1796000400, .end = 1796011200, .summary = "Family meeting",
		.location = "St Anne's Church Hall, Victoria Road; step-free, bell at the side door",
		.url = "https://meet.example.org/abc", .description = "Arranged by the service.",
		.organizer_name = "Family Group Conference Service", .organizer_email = "fgc@council.example",
		.attendee_name = "Małgorzata Kowalska", .attendee_email = "mum@example.org",
	};
	char *s = ical(&ev);
	assert_non_null(strstr(s, "BEGIN:VCALENDAR\r\n"));
	assert_non_null(strstr(s, "METHOD:REQUEST\r\n"));
	assert_non_null(strstr(s, "UID:0123abcd@hearth\r\n"));
	assert_non_null(strstr(s, "SEQUENCE:2\r\n"));
	assert_non_null(strstr(s, "DTSTART:20261130T010000Z\r\n"));
	assert_non_null(strstr(s, "STATUS:CONFIRMED\r\n"));
	assert_non_null(strstr(s, "ATTENDEE;"));
	assert_non_null(strstr(s, "mailto:mum@example.org"));
	assert_non_null(strstr(s, "LOCATION:St Anne's Church Hall\\, Victoria Road\\; step-free"));
	for (char *line = s; *line;) {
		char *end = strstr(line, "\r\n");
		assert_non_null(end);
		assert_true(end - line <= 75); /* folded at 75 octets */
		line = end + 2;
	}
	free(s);
	ev.method = ICAL_CANCEL;
	s = ical(&ev);
	assert_non_null(strstr(s, "METHOD:CANCEL\r\n"));
	assert_non_null(strstr(s, "STATUS:CANCELLED\r\n"));
	assert_non_null(strstr(s, "UID:0123abcd@hearth\r\n"));
	free(s);
	struct buf b;
	buf_init(&b);
	struct err e = {0};
	ev.end = ev.start;
	assert_int_equal(ical_write(&ev, &b, &e), -1);
	buf_free(&b);
}

static void test_message_bytes(void **state)
{
	(void)state;
	const char ics[] = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
	struct mail_attachment a = {"text/calendar; method=REQUEST; charset=UTF-8", "invitation.ics", ics, sizeof ics - 1};
	struct mail_message m = {
		.from_name = "Family Group Conference Service", .from_email = "fgc@council.example",
		.reply_to_name = "Grace O'Kafor, coordinator", .reply_to_email = "grace@council.example",
		.to_name = "Małgorzata Kowalska", .to_email = "mum@example.org",
		.subject = "Changed: family meeting now on Wednesday 30 December 2026 at 10:30am, at the Children's Centre",
		.message_id = "0123abcd@council.example", .date = 1795000000,
		.text = "Dear Małgorzata,\n\n.A line that starts with a dot\nWhen: Tuesday = soon  \n" 
			"A very long line that goes on and on beyond seventy-six characters so it must be wrapped softly.",
		.attachment = &a,
	};
	struct buf b;
	buf_init(&b);
	struct err e = {0};
	assert_int_equal(mail_message_write(&m, &b, &e), 0);
	const char *s = b.data;
	assert_non_null(strstr(s, "Date: Wed, 18 Nov 2026 11:06:40 +0000"));
	assert_non_null(strstr(s, "Message-ID: <0123abcd@council.example>\r\n"));
	assert_non_null(strstr(s, "From: Family Group Conference Service <fgc@council.example>\r\n"));
	assert_non_null(strstr(s, "Reply-To: \"Grace O'Kafor, coordinator\" <grace@council.example>\r\n"));
	assert_non_null(strstr(s, "To: =?UTF-8?B?"));                 /* the Polish name encoded */
	assert_null(strstr(s, "Małgorzata"));                         /* no raw 8-bit anywhere */
	assert_non_null(strstr(s, "\r\n=2EA line that starts with a dot"));
	assert_non_null(strstr(s, "Tuesday =3D soon =20"));           /* trailing space kept visible */
	assert_non_null(strstr(s, "Content-Type: text/calendar; method=REQUEST; charset=UTF-8;\r\n name=\"invitation.ics\""));
	assert_non_null(strstr(s, "--=_hearth_0123abcd.council.example--\r\n"));
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		assert_true(*c < 0x80);
	for (const char *line = s; *line;) {
		const char *end = strstr(line, "\r\n");
		assert_non_null(end);
		assert_true(end - line <= 78);
		line = end + 2;
	}
	/* The same input gives the same bytes: a retry sends what was stored. */
	struct buf again;
	buf_init(&again);
	assert_int_equal(mail_message_write(&m, &again, &e), 0);
	assert_string_equal(again.data, b.data);
	buf_free(&again);
	buf_free(&b);
}

static void test_addresses_that_would_break_a_header_are_refused(void **state)
{
	(void)state;
	assert_true(mail_address_ok("a.b+c@example.org"));
	const char *bad[] = {"", "nobody", "@example.org", "a@", "a@b@c", "a b@example.org", "a@example.org\r\nBcc: x@y",
			     "<a@example.org>", "a,b@example.org"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(mail_address_ok(bad[i]));
	struct mail_message m = {.from_email = "fgc@council.example", .to_email = "a@example.org\nBcc: x@y",
				 .message_id = "1@x", .text = "hi"};
	struct buf b;
	buf_init(&b);
	struct err e = {0};
	assert_int_equal(mail_message_write(&m, &b, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_string_equal(e.field, "email");
	buf_free(&b);
	assert_string_equal(mail_domain("fgc@council.example"), "council.example");
	assert_string_equal(mail_domain("nobody"), "hearth.invalid");
}

static void test_a_meeting_against_its_window(void **state)
{
	(void)state;
	/* Window: 1 Dec 2026 00:00 to 14 Dec 2026 23:59:59 London time (GMT). */
	struct clock c = {.status = CLOCK_ON_TIME, .due_from = 1796083200, .due_by = 1797292799};
	assert_int_equal(clock_window_fit(&c, 1796083200 - 3600), -1); /* 30 Nov, 23:00 */
	assert_int_equal(clock_window_fit(&c, 1796083200 + 36000), 0);
	assert_int_equal(clock_window_fit(&c, 1797292799), 0);
	assert_int_equal(clock_window_fit(&c, 1797292799 + 3600), 1);
	c.status = CLOCK_NOT_STARTED;
	assert_int_equal(clock_window_fit(&c, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who_is_owed_which_message),
		cmocka_unit_test(test_protected_people_are_sent_nothing_not_even_a_cancellation),
		cmocka_unit_test(test_calendar_event),
		cmocka_unit_test(test_message_bytes),
		cmocka_unit_test(test_addresses_that_would_break_a_header_are_refused),
		cmocka_unit_test(test_a_meeting_against_its_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
