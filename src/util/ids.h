/* ids.h — identifiers made by the application (random 128-bit, as 32 hex
 * characters) so both databases need no sequence or AUTOINCREMENT, and
 * ids reveal nothing about how many cases exist. */
#ifndef HEARTH_IDS_H
#define HEARTH_IDS_H

#include <stddef.h>

/* Fills out with 32 lower-case hex characters and a NUL. */
void ids_new(char out[33]);
/* Fills out with 2*n hex characters of randomness (n <= 64). */
void ids_random_hex(char *out, size_t n);

#endif
