/* utf8.h — keeping text valid UTF-8 where hearth itself cuts or builds it.
 * Input is checked at the door (jansson refuses invalid UTF-8 in bodies,
 * the server in addresses); these are for text we shorten to fit a buffer,
 * which must never end in half a character. */
#ifndef HEARTH_UTF8_H
#define HEARTH_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s is entirely well-formed UTF-8. */
bool utf8_valid(const char *s);
/* Cuts s at its first ill-formed or incomplete sequence (e.g. a character
 * that snprintf truncated in half). */
void utf8_trim(char *s);
/* Characters, not bytes. */
size_t utf8_chars(const char *s);

#endif
