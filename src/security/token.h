/* token.h — random secrets handed to a client (session cookies, API
 * tokens, CSRF tokens) and the hashes stored in their place. */
#ifndef HEARTH_TOKEN_H
#define HEARTH_TOKEN_H

#include <stdbool.h>

#define TOKEN_CHARS 43 /* 256 bits in unpadded base64url */
#define TOKEN_HASH_CHARS 64

/* A new 256-bit random token, NUL-terminated. */
void token_new(char out[TOKEN_CHARS + 1]);
/* SHA-256 of the token, lower-case hex, NUL-terminated. */
void token_hash(const char *token, char out[TOKEN_HASH_CHARS + 1]);
/* Compares in time independent of where they differ. */
bool token_equal(const char *a, const char *b);

#endif
