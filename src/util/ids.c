/* ids.c — random identifiers from the kernel's CSPRNG (ids.h). */
#include "ids.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>

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
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[2 * n] = '\0';
}

void ids_new(char out[33]) { ids_random_hex(out, 16); }
