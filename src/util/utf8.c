/* utf8.c — UTF-8 checks (utf8.h), following RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF. */
#include "utf8.h"

#include <stdint.h>

/* Length of the well-formed sequence at p, or 0. */
static size_t seq_len(const unsigned char *p)
{
	unsigned c = p[0];
	if (c < 0x80)
		return 1;
	size_t n;
	uint32_t cp;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0; /* also stops at the NUL of a truncated string */
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = seq_len(p);
		if (!n)
			return false;
		p += n;
	}
	return true;
}

void utf8_trim(char *s)
{
	unsigned char *p = (unsigned char *)s;
	while (*p) {
		size_t n = seq_len(p);
		if (!n) {
			*p = '\0';
			return;
		}
		p += n;
	}
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}
