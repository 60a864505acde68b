/* smtp.c — one message over SMTP with libcurl (smtp.h). */
#include "smtp.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int smtp_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void smtp_global_cleanup(void)
{
	curl_global_cleanup();
}

struct reader {
	const char *data;
	size_t left;
};

static size_t read_cb(char *out, size_t size, size_t n, void *arg)
{
	struct reader *r = arg;
	size_t take = size * n < r->left ? size * n : r->left;
	memcpy(out, r->data, take);
	r->data += take;
	r->left -= take;
	return take;
}

enum smtp_outcome smtp_send(const struct smtp_config *c, const char *rcpt, const char *message, size_t len,
			    char *why, size_t why_len)
{
	why[0] = '\0';
	CURL *curl = curl_easy_init();
	if (!curl) {
		snprintf(why, why_len, "hearth could not start a mail connection");
		return SMTP_TRY_AGAIN;
	}
	char from[300], to[300], errbuf[CURL_ERROR_SIZE] = "";
	snprintf(from, sizeof from, "<%s>", c->from);
	snprintf(to, sizeof to, "<%s>", rcpt);
	struct curl_slist *rcpts = curl_slist_append(NULL, to);
	struct reader r = {message, len};
	bool smtps = strncmp(c->url, "smtps://", 8) == 0;
	curl_easy_setopt(curl, CURLOPT_URL, c->url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(curl, CURLOPT_READDATA, &r);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
	if (c->user && *c->user) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, c->password ? c->password : "");
		/* A password never crosses the network in the clear. */
		if (!smtps)
			curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	} else if (!smtps) {
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	}
	CURLcode rc = curl_easy_perform(curl);
	long code = 0;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(curl);
	if (rc == CURLE_OK)
		return SMTP_SENT;
	const char *detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
	if (code >= 500 && code < 600) {
		snprintf(why, why_len, "The mail server refused it (%ld): %s", code, detail);
		return SMTP_REFUSED;
	}
	if (code >= 400 && code < 500)
		snprintf(why, why_len, "The mail server asked us to try later (%ld): %s", code, detail);
	else
		snprintf(why, why_len, "The mail server could not be reached: %s", detail);
	return SMTP_TRY_AGAIN;
}
