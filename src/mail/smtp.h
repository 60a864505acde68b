/* smtp.h — sending one stored message to one recipient over SMTP with
 * libcurl: smtp:// (STARTTLS when the server offers it, and required when
 * signing in) or smtps:// (TLS from the start). */
#ifndef HEARTH_SMTP_H
#define HEARTH_SMTP_H

#include <stddef.h>

struct smtp_config {
	const char *url;      /* "smtp://mail.example.gov.uk:587" or "smtps://..." */
	const char *user;     /* NULL: no sign-in */
	const char *password;
	const char *from;     /* the envelope sender */
};

enum smtp_outcome {
	SMTP_SENT = 0,
	SMTP_TRY_AGAIN, /* the server could not be reached, or answered 4xx */
	SMTP_REFUSED    /* the server answered 5xx: sending again will not help */
};

/* Calls curl_global_init(); once, before any thread sends. */
int smtp_global_init(void);
void smtp_global_cleanup(void);

/* Sends `message` (`len` bytes, CRLF lines) to `rcpt`. On failure `why`
 * gets a sentence for the case page ("The mail server refused it: 550 ..."). */
enum smtp_outcome smtp_send(const struct smtp_config *c, const char *rcpt, const char *message, size_t len,
			    char *why, size_t why_len);

#endif
