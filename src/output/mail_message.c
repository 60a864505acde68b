/* mail_message.c — an e-mail as the bytes that go over SMTP (mail_message.h). */
#include "mail_message.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int mail_address_ok(const char *email)
{
	if (!email || !*email || strlen(email) > 254)
		return 0;
	const char *at = strchr(email, '@');
	if (!at || at == email || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (const unsigned char *c = (const unsigned char *)email; *c; c++)
		if (*c <= ' ' || *c == 0x7f || *c == '<' || *c == '>' || *c == '"' || *c == ',' || *c == ';')
			return 0;
	return 1;
}

const char *mail_domain(const char *email)
{
	const char *at = email ? strchr(email, '@') : NULL;
	return at && at[1] ? at + 1 : "hearth.invalid";
}

static int is_ascii_printable(const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c < ' ' || *c > '~')
			return 0;
	return 1;
}

/* Bytes of the UTF-8 sequence that starts with `c`. */
static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

static void base64(struct buf *out, const unsigned char *data, size_t n)
{
	char enc[sodium_base64_ENCODED_LEN(57, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(enc, sizeof enc, data, n, sodium_base64_VARIANT_ORIGINAL);
	buf_puts(out, enc);
}

/* A header value for people (a name, a subject), starting at column
 * `col`: plain ASCII folded at spaces to keep lines under 78 characters,
 * anything else as RFC 2047 encoded words of whole characters, one per
 * folded line. Line breaks never reach a header. */
static void header_words(struct buf *out, const char *s, size_t col)
{
	if (is_ascii_printable(s)) {
		while (*s) {
			const char *sp = strchr(s + 1, ' ');
			size_t word = sp ? (size_t)(sp - s) : strlen(s);
			if (col + word > 76 && col > 1 && *s == ' ') {
				buf_puts(out, "\r\n");
				col = 0;
			}
			buf_append(out, s, word);
			col += word;
			s += word;
		}
		return;
	}
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	int first = 1;
	while (n > 0) {
		/* 36 bytes of text make 48 of base64: a word of 60 characters. */
		size_t take = 0;
		while (take < n) {
			size_t k = utf8_len(p[take]);
			if (take + k > 36 || take + k > n)
				break;
			take += k;
		}
		if (take == 0)
			take = n < 36 ? n : 36;
		unsigned char chunk[36];
		for (size_t i = 0; i < take; i++)
			chunk[i] = (p[i] == '\r' || p[i] == '\n') ? ' ' : p[i];
		buf_puts(out, first ? "=?UTF-8?B?" : "\r\n =?UTF-8?B?");
		base64(out, chunk, take);
		buf_puts(out, "?=");
		first = 0;
		p += take;
		n -= take;
	}
}

/* Whether a plain-ASCII name can stand as words (RFC 5322 atoms and
 * spaces) without quotes. */
static int atoms_only(const char *s)
{
	for (const char *c = s; *c; c++)
		if (strchr("()<>[]:;@\\,.\"", *c))
			return 0;
	return 1;
}

/* "Name <email>", the name quoted when it holds a special character. */
static void address(struct buf *out, const char *name, const char *email)
{
	if (name && *name) {
		if (is_ascii_printable(name) && atoms_only(name)) {
			buf_puts(out, name);
		} else if (is_ascii_printable(name)) {
			buf_puts(out, "\"");
			for (const char *c = name; *c; c++) {
				if (*c == '"' || *c == '\\')
					buf_puts(out, "\\");
				buf_append(out, c, 1);
			}
			buf_puts(out, "\"");
		} else {
			header_words(out, name, 10);
		}
		buf_puts(out, " ");
	}
	buf_printf(out, "<%s>", email);
}

/* Quoted-printable (RFC 2045 6.7): lines of at most 76 characters, soft
 * breaks "=", anything outside printable ASCII encoded, and a "." opening a
 * line encoded so SMTP's end-of-data can never be mistaken. */
static void quoted_printable(struct buf *out, const char *text)
{
	int col = 0;
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		if (*c == '\n') {
			buf_puts(out, "\r\n");
			col = 0;
			continue;
		}
		if (*c == '\r')
			continue;
		char enc[4];
		int plain = (*c >= 33 && *c <= 126 && *c != '=' && !(*c == '.' && col == 0)) ||
			    (*c == ' ' && c[1] && c[1] != '\n' && c[1] != '\r');
		int w = plain ? 1 : 3;
		if (plain)
			snprintf(enc, sizeof enc, "%c", *c);
		else
			snprintf(enc, sizeof enc, "=%02X", *c);
		if (col + w > 75) {
			buf_puts(out, "=\r\n");
			col = 0;
			if (*c == '.') /* the new line would open with a dot */
				snprintf(enc, sizeof enc, "=2E"), w = 3;
		}
		buf_puts(out, enc);
		col += w;
	}
	if (col > 0)
		buf_puts(out, "\r\n");
}

static void base64_lines(struct buf *out, const char *data, size_t len)
{
	for (size_t i = 0; i < len; i += 57) {
		base64(out, (const unsigned char *)data + i, len - i < 57 ? len - i : 57);
		buf_puts(out, "\r\n");
	}
}

static int header_safe(const char *s)
{
	return !s || (!strchr(s, '\r') && !strchr(s, '\n'));
}

int mail_message_write(const struct mail_message *m, struct buf *out, struct err *e)
{
	if (!mail_address_ok(m->to_email))
		return err_set(e, ERR_INVALID, "email", "%s is not an e-mail address a message can be sent to",
			       m->to_email && *m->to_email ? m->to_email : "An empty address");
	if (!mail_address_ok(m->from_email) || (m->reply_to_email && !mail_address_ok(m->reply_to_email)) ||
	    !m->message_id || !header_safe(m->message_id) || strchr(m->message_id, '>'))
		return err_set(e, ERR_INTERNAL, NULL, "mail_message_write: a sender address or Message-ID is not usable");
	char date[64];
	time_t t = (time_t)m->date;
	struct tm tm;
	gmtime_r(&t, &tm);
	/* RFC 5322 names, never the locale's. */
	static const char *const DAYS[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	snprintf(date, sizeof date, "%s, %d %s %04d %02d:%02d:%02d +0000", DAYS[tm.tm_wday], tm.tm_mday,
		 MONTHS[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);

	buf_printf(out, "Date: %s\r\nMessage-ID: <%s>\r\nFrom: ", date, m->message_id);
	address(out, m->from_name, m->from_email);
	if (m->reply_to_email) {
		buf_puts(out, "\r\nReply-To: ");
		address(out, m->reply_to_name, m->reply_to_email);
	}
	buf_puts(out, "\r\nTo: ");
	address(out, m->to_name, m->to_email);
	buf_puts(out, "\r\nSubject: ");
	header_words(out, m->subject ? m->subject : "", 9);
	/* An automatic message: no out-of-office replies to it. */
	buf_puts(out, "\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n");

	const char *text_headers = "Content-Type: text/plain; charset=UTF-8\r\n"
				   "Content-Transfer-Encoding: quoted-printable\r\n";
	if (!m->attachment) {
		buf_printf(out, "%s\r\n", text_headers);
		quoted_printable(out, m->text ? m->text : "");
		return 0;
	}
	const struct mail_attachment *a = m->attachment;
	if (!header_safe(a->content_type) || !header_safe(a->filename) || strchr(a->filename, '"'))
		return err_set(e, ERR_INTERNAL, NULL, "mail_message_write: an attachment's type or name is not usable");
	/* The boundary comes from the Message-ID, so the stored message is the
	 * same whenever it is made; base64 and quoted-printable text can never
	 * contain "=_hearth_". */
	char boundary[160];
	snprintf(boundary, sizeof boundary, "=_hearth_%.100s", m->message_id);
	for (char *c = boundary; *c; c++)
		if (*c == '@')
			*c = '.';
	buf_printf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", boundary);
	buf_printf(out, "This is a message in MIME format.\r\n--%s\r\n%s\r\n", boundary, text_headers);
	quoted_printable(out, m->text ? m->text : "");
	buf_printf(out, "--%s\r\nContent-Type: %s;\r\n name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\n"
			"Content-Transfer-Encoding: base64\r\n\r\n",
		   boundary, a->content_type, a->filename, a->filename);
	base64_lines(out, a->data, a->len);
	buf_printf(out, "--%s--\r\n", boundary);
	return 0;
}
