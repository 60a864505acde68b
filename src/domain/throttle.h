/* throttle.h — slowing down password and code guessing (OWASP ASVS 4.0.3
 * 2.2.1): failed attempts are counted per account and per address over a
 * sliding window; at the limit, further attempts are refused until the
 * oldest failure leaves the window. Per address the limit is higher, since
 * a whole office may share one address. */
#ifndef HEARTH_THROTTLE_H
#define HEARTH_THROTTLE_H

#include <stddef.h>
#include <stdint.h>

#define THROTTLE_WINDOW (15 * 60)
#define THROTTLE_ACCOUNT_LIMIT 5
#define THROTTLE_ADDRESS_LIMIT 20

/* When `failures` (the oldest at `oldest`) within the window have reached
 * `limit`: the moment attempts are allowed again. 0 when not locked. */
int64_t throttle_until(long failures, int64_t oldest, long limit, int64_t now);

/* The sentence telling a person what happened and when to try again:
 * "... Try again after 14:32 (in 12 minutes)." in London time. */
void throttle_message(int for_account, int64_t until, int64_t now, char *out, size_t n);

#endif
