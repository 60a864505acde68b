/* ids.c — identifiers (ids.h).
 *
 * An id is 48 bits of milliseconds since the epoch, a 16-bit counter and
 * 64 random bits from the kernel's CSPRNG, like a UUIDv7: unguessable, yet
 * sorting by id gives the order of creation (within one process exactly,
 * across servers to the millisecond). Lists sort by id for that reason:
 * several records made in one request share the same second.
 */
#include "ids.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>

static const char hex[] = "0123456789abcdef";

void ids_random_hex(char *out, size_t n)
{
	uint8_t raw[64];
	if (n > sizeof raw)
		n = sizeof raw;
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(raw + got, n - got, 0);
		if (r < 0) {
			perror("hearth: getrandom");
			abort();
		}
		got += (size_t)r;
	}
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[2 * n] = '\0';
}

void ids_new(char out[33])
{
	static _Atomic uint64_t last; /* (ms << 16 | counter) of the last id */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t now = ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000) << 16;
	uint64_t prev = atomic_load(&last), next;
	do
		next = now > prev ? now : prev + 1; /* never repeat, never go back */
	while (!atomic_compare_exchange_weak(&last, &prev, next));
	for (int i = 15; i >= 0; i--)
		out[15 - i] = hex[(next >> (4 * i)) & 15];
	ids_random_hex(out + 16, 8);
}
