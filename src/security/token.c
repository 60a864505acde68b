/* token.c — random tokens and their stored hashes (token.h). Only hashes
 * are stored, so a leaked database holds no usable session or API token;
 * plain SHA-256 is enough because the tokens have 256 bits of entropy. */
#include "token.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_BYTES 32

_Static_assert(TOKEN_CHARS + 1 ==
                   sodium_base64_ENCODED_LEN(TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
               "token.h must match");
_Static_assert(TOKEN_HASH_CHARS == 2 * crypto_hash_sha256_BYTES, "token.h must match");

void token_new(char out[TOKEN_CHARS + 1])
{
	/* Without randomness there is no safe token to hand out. */
	if (sodium_init() < 0)
		abort();
	unsigned char raw[TOKEN_BYTES];
	randombytes_buf(raw, sizeof raw);
	/* URL-safe and unpadded: fits a cookie, a header and a URL unescaped. */
	sodium_bin2base64(out, TOKEN_CHARS + 1, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void token_hash(const char *token, char out[TOKEN_HASH_CHARS + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	if (!token)
		token = "";
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, TOKEN_HASH_CHARS + 1, h, sizeof h);
}

bool token_equal(const char *a, const char *b)
{
	/* An empty token is never valid: a missing cookie must not match a
	 * missing header (a CSRF check would pass on nothing). */
	if (!a || !b || !*a)
		return false;
	/* The length is not secret (every token has the same one); only where
	 * the bytes differ must not show in the timing. */
	size_t n = strlen(a);
	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}
