/* totp.c — RFC 6238 one-time codes (totp.h): our own base32, liboath's
 * HMAC-SHA1 (libsodium has no SHA-1), libsodium's randomness and
 * constant-time comparison. */
#include "totp.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define SECRET_BYTES 20
#define KEY_MAX 64 /* longer secrets than any app makes are refused */

_Static_assert(TOTP_SECRET_CHARS == (SECRET_BYTES * 8 + 4) / 5, "totp.h must match");

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* RFC 4648 base32 without padding; out holds (n * 8 + 4) / 5 + 1. */
static void base32_encode(const unsigned char *in, size_t n, char *out)
{
	unsigned bits = 0, have = 0;
	for (size_t i = 0; i < n; i++) {
		bits = (bits << 8) | in[i];
		for (have += 8; have >= 5; have -= 5)
			*out++ = B32[(bits >> (have - 5)) & 31];
	}
	if (have)
		*out++ = B32[(bits << (5 - have)) & 31];
	*out = '\0';
}

/* Decodes base32, accepting lower case and trailing '=' because people copy
 * secrets from other systems; -1 for anything else or an empty key. */
static int base32_decode(const char *s, unsigned char out[KEY_MAX], size_t *n)
{
	unsigned bits = 0, have = 0;
	*n = 0;
	for (; *s && *s != '='; s++) {
		char c = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
		const char *p = c ? strchr(B32, c) : NULL;
		if (!p)
			return -1;
		bits = (bits << 5) | (unsigned)(p - B32);
		have += 5;
		if (have >= 8) {
			if (*n == KEY_MAX)
				return -1;
			have -= 8;
			out[(*n)++] = (unsigned char)(bits >> have);
		}
	}
	while (*s == '=')
		s++;
	return *s || *n == 0 ? -1 : 0;
}

void totp_new_secret(char out[TOTP_SECRET_CHARS + 1])
{
	/* Without randomness there is no safe secret to hand out. */
	if (sodium_init() < 0)
		abort();
	unsigned char raw[SECRET_BYTES];
	randombytes_buf(raw, sizeof raw);
	base32_encode(raw, sizeof raw, out);
	sodium_memzero(raw, sizeof raw);
}

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static bool oath_ready;

static void oath_start(void)
{
	oath_ready = oath_init() == OATH_OK;
}

/* The code of one 30-second step, computed as liboath does for the time at
 * the step's start. */
static int step_code(const unsigned char *key, size_t n, int64_t step, char out[TOTP_DIGITS + 1])
{
	pthread_once(&oath_once, oath_start);
	if (!oath_ready || step < 0)
		return -1;
	return oath_totp_generate((const char *)key, n, (time_t)(step * TOTP_STEP), TOTP_STEP, 0,
	                          TOTP_DIGITS, out) == OATH_OK ? 0 : -1;
}

int totp_code(const char *secret, int64_t now, char out[TOTP_DIGITS + 1])
{
	unsigned char key[KEY_MAX];
	size_t n;
	if (!secret || base32_decode(secret, key, &n) != 0 || now < 0)
		return -1;
	int r = step_code(key, n, now / TOTP_STEP, out);
	sodium_memzero(key, sizeof key);
	return r;
}

int64_t totp_check(const char *secret, const char *code, int64_t now, int64_t last_step)
{
	char given[TOTP_DIGITS + 1];
	size_t len = 0;
	if (!code)
		return TOTP_WRONG;
	for (; *code; code++) {
		if (*code == ' ')
			continue; /* apps show "123 456" and people type it so */
		if (*code < '0' || *code > '9' || len == TOTP_DIGITS)
			return TOTP_WRONG;
		given[len++] = *code;
	}
	if (len != TOTP_DIGITS)
		return TOTP_WRONG;
	given[len] = '\0';

	unsigned char key[KEY_MAX];
	size_t n;
	if (!secret || base32_decode(secret, key, &n) != 0 || now < 0)
		return TOTP_WRONG;
	/* All three steps are always computed, so the time taken does not tell
	 * which one matched; the latest unused match wins. */
	int64_t step = now / TOTP_STEP, matched = TOTP_WRONG;
	bool reused = false;
	for (int64_t s = step - 1; s <= step + 1; s++) {
		char want[TOTP_DIGITS + 1];
		if (s < 1 || step_code(key, n, s, want) != 0)
			continue;
		if (sodium_memcmp(want, given, TOTP_DIGITS) == 0) {
			if (s <= last_step)
				reused = true;
			else
				matched = s;
		}
	}
	sodium_memzero(key, sizeof key);
	if (matched > 0)
		return matched;
	return reused ? TOTP_REUSED : TOTP_WRONG;
}

/* Percent-encodes all but RFC 3986's unreserved characters, so the colon
 * that separates issuer from account in the label stays unambiguous. */
static void pct(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			buf_append(out, (const char *)p, 1);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_append(out, e, 3);
		}
	}
}

void totp_uri(const char *secret, const char *issuer, const char *account, struct buf *out)
{
	buf_puts(out, "otpauth://totp/");
	pct(out, issuer);
	buf_puts(out, ":");
	pct(out, account);
	buf_puts(out, "?secret=");
	pct(out, secret);
	buf_puts(out, "&issuer=");
	pct(out, issuer);
	buf_printf(out, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP);
}
