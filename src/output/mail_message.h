/* mail_message.h — an e-mail as the bytes that go over SMTP (RFC 5322 with
 * MIME): headers, a plain-text body and at most one attachment.
 *
 * The message is made once, when the change that causes it is saved, and
 * stored whole, so every attempt to send it sends the same bytes with the
 * same Message-ID and Date: a receiving server that sees it twice (after a
 * crash between its acceptance and our record of it) can tell. Lines end in
 * CRLF and stay under 78 characters; names and subjects outside ASCII are
 * encoded words (RFC 2047); the body is quoted-printable UTF-8, so it passes
 * any 7-bit relay, and the attachment base64. Pure: no I/O.
 */
#ifndef HEARTH_MAIL_MESSAGE_H
#define HEARTH_MAIL_MESSAGE_H

#include <stddef.h>
#include <stdint.h>
#include "../util/buf.h"
#include "../util/err.h"

struct mail_attachment {
	const char *content_type; /* "text/calendar; method=REQUEST; charset=UTF-8" */
	const char *filename;     /* "invitation.ics" */
	const char *data;
	size_t len;
};

struct mail_message {
	const char *from_name, *from_email;
	const char *reply_to_name, *reply_to_email; /* may be NULL */
	const char *to_name, *to_email;
	const char *subject;
	const char *message_id; /* without the angle brackets: "id@domain" */
	int64_t date;           /* UTC seconds */
	const char *text;       /* the body, UTF-8, lines separated by "\n" */
	const struct mail_attachment *attachment; /* may be NULL */
};

/* Appends the message to `out`. ERR_INVALID (field "email") when an address
 * could not be sent to or would break a header (a line break, no "@"). */
int mail_message_write(const struct mail_message *m, struct buf *out, struct err *e);

/* Whether `email` is an address a message can carry safely: one "@", no
 * spaces, control characters or angle brackets, at most 254 bytes. */
int mail_address_ok(const char *email);

/* The domain of an address ("example.org" of "fgc@example.org"), for
 * Message-IDs and calendar UIDs; "hearth.invalid" when there is none. */
const char *mail_domain(const char *email);

#endif
