/* password.h — password rules and storage (OWASP ASVS 4.0.3 V2.1, V2.4).
 *
 * Rules: 12 to 128 characters (Unicode code points, spaces allowed), not on
 * the shipped list of common passwords, no composition rules, no expiry.
 * Storage: Argon2id through libsodium, with OWASP's parameters (19 MiB,
 * 2 passes), in libsodium's self-describing string form, so parameters can
 * be raised later without invalidating existing hashes.
 */
#ifndef HEARTH_PASSWORD_H
#define HEARTH_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_CHARS 128
#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES */

/* Call once before any other function (initialises libsodium); 0 or -1. */
int password_init(void);

/* What is wrong with a proposed password, as a sentence for the person
 * choosing it, or NULL when it is acceptable. `email` and `name` (either
 * may be NULL) are refused as the password itself, ignoring case. */
const char *password_problem(const char *password, const char *email, const char *name);

/* Whether the password is on the common-password list (ignoring case). */
bool password_is_common(const char *password);
/* How many entries the list holds. */
size_t password_common_count(void);

/* Hashes with Argon2id; 0, or -1 when out of memory. */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
/* Whether `password` matches `hash`. A NULL or malformed hash never matches
 * but costs the same time, so unknown accounts cannot be told apart by timing. */
bool password_verify(const char *hash, const char *password);

#endif
