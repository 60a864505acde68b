/* totp.h — time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second
 * steps, 6 digits), the kind every authenticator app reads from a QR code.
 * Secrets are 160 random bits, written in base32 (RFC 4648, no padding). */
#ifndef HEARTH_TOTP_H
#define HEARTH_TOTP_H

#include <stdint.h>
#include "../util/buf.h"

#define TOTP_SECRET_CHARS 32 /* 20 bytes in base32 */
#define TOTP_STEP 30
#define TOTP_DIGITS 6

/* A new random secret, NUL-terminated. */
void totp_new_secret(char out[TOTP_SECRET_CHARS + 1]);

/* The code for `secret` at UTC seconds `now`; 0, or -1 for a bad secret. */
int totp_code(const char *secret, int64_t now, char out[TOTP_DIGITS + 1]);

/* Checks `code` (6 digits; spaces ignored) against the steps now-1, now,
 * now+1 (clock drift). Returns the step it matched (> 0), TOTP_WRONG when
 * it matches none, or TOTP_REUSED when it matches a step <= last_step (a
 * code already used may not be used again, RFC 6238 section 5.2). */
#define TOTP_WRONG (-1)
#define TOTP_REUSED (-2)
int64_t totp_check(const char *secret, const char *code, int64_t now, int64_t last_step);

/* otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
 * with issuer and account percent-encoded. Appends to out. */
void totp_uri(const char *secret, const char *issuer, const char *account, struct buf *out);

#endif
