/* ids.h — identifiers made by the application (128-bit, as 32 hex
 * characters: time-ordered with 64 random bits, see ids.c), so both
 * databases need no sequence or AUTOINCREMENT and ids cannot be guessed. */
#ifndef HEARTH_IDS_H
#define HEARTH_IDS_H

#include <stddef.h>

/* Fills out with 32 lower-case hex characters and a NUL; later ids sort after earlier ones. */
void ids_new(char out[33]);
/* Fills out with 2*n hex characters of randomness (n <= 64). */
void ids_random_hex(char *out, size_t n);

#endif
