/* search.h — what a case can be found by (pure: no I/O).
 *
 * A case is found by the start of any word of its child's name or of its
 * reference: "smi" finds "Amelia Smith", "0042" and "2026-0042" find
 * FTM-2026-0042. Those words are kept as the case's search terms, one row
 * each, so a search looks up a range of an index instead of reading every
 * case, however many there are. Text is folded as the case list folds it
 * (ASCII letters lower-cased, other scripts kept as typed).
 */
#ifndef HEARTH_SEARCH_H
#define HEARTH_SEARCH_H

#include <stddef.h>

#define SEARCH_TERM_MAX 64 /* bytes, with the NUL; longer words are cut at a character */
#define SEARCH_TERMS_MAX 24

/* The terms of a case from its folded child's name and its reference:
 * each word of the name (split at spaces, hyphens and apostrophes, and
 * hyphenated names whole too), the reference folded, and its tail after
 * each hyphen. Duplicates are left out. Returns how many were written. */
size_t search_terms(const char *name_folded, const char *reference, char terms[][SEARCH_TERM_MAX],
		    size_t max);

/* The words of a search (split at spaces, folded, cut like terms): the
 * first must start a term, the others are looked for anywhere in the name
 * or reference of the cases it finds. Returns how many, up to max. */
size_t search_words(const char *query, char words[][SEARCH_TERM_MAX], size_t max);

/* The range of terms starting with `word`: from `word` itself to `to`, the
 * first string after every string starting with it. -1 for an empty word. */
int search_range(const char *word, char to[SEARCH_TERM_MAX]);

#endif
