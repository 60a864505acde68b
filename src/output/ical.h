/* ical.h — a meeting's invitation as an iCalendar object (RFC 5545, with
 * the iTIP methods of RFC 5546), made with libical.
 *
 * One meeting is one event: its UID never changes, a rearrangement sends
 * METHOD:REQUEST again with a higher SEQUENCE, and a cancellation (of the
 * meeting, or of one person's invitation) sends METHOD:CANCEL with the same
 * UID. Times are written in UTC ("Z"), which every calendar converts to
 * local time, so the server needs no time-zone database. Nothing here
 * knows about cases, the database or mail.
 */
#ifndef HEARTH_ICAL_H
#define HEARTH_ICAL_H

#include <stdint.h>
#include "../util/buf.h"
#include "../util/err.h"

enum ical_method { ICAL_REQUEST, ICAL_CANCEL };

struct ical_event {
	enum ical_method method;
	const char *uid;          /* stable for the meeting: "<meeting id>@<domain>" */
	int sequence;             /* 0 when first sent; +1 for each rearrangement */
	int64_t stamp;            /* when this version was made (UTC seconds) */
	int64_t start, end;       /* UTC seconds */
	const char *summary;      /* "Family meeting" */
	const char *location;     /* venue and address; may be NULL */
	const char *url;          /* online meeting link; may be NULL */
	const char *description;  /* plain words; may be NULL */
	const char *organizer_name, *organizer_email;
	const char *attendee_name, *attendee_email;
};

/* Appends the VCALENDAR text (CRLF lines, folded at 75 octets) to `out`. */
int ical_write(const struct ical_event *ev, struct buf *out, struct err *e);

/* The method's name as it goes in a Content-Type: "REQUEST", "CANCEL". */
const char *ical_method_name(enum ical_method m);

#endif
