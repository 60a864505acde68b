/* search.c — a case's search terms and a search's range (search.h). */
#include "search.h"

#include <stdbool.h>
#include <string.h>

static bool separator(char c) { return c == ' ' || c == '\t' || c == '-' || c == '\''; }

static char fold(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Copies n bytes of s, folded, cut to fit at a character boundary. */
static void term_of(const char *s, size_t n, char out[SEARCH_TERM_MAX])
{
	if (n > SEARCH_TERM_MAX - 1) {
		n = SEARCH_TERM_MAX - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--; /* never half a character */
	}
	for (size_t i = 0; i < n; i++)
		out[i] = fold(s[i]);
	out[n] = '\0';
}

static void add(char terms[][SEARCH_TERM_MAX], size_t max, size_t *count, const char *s, size_t n)
{
	if (n == 0 || *count >= max)
		return;
	char t[SEARCH_TERM_MAX];
	term_of(s, n, t);
	for (size_t i = 0; i < *count; i++)
		if (strcmp(terms[i], t) == 0)
			return;
	memcpy(terms[(*count)++], t, sizeof t);
}

size_t search_terms(const char *name_folded, const char *reference, char terms[][SEARCH_TERM_MAX],
		    size_t max)
{
	size_t count = 0;
	const char *p = name_folded ? name_folded : "";
	while (*p) {
		while (*p && separator(*p))
			p++;
		const char *word = p, *spaced = p;
		while (*p && !separator(*p))
			p++;
		add(terms, max, &count, word, (size_t)(p - word));
		/* "ellie-mae" whole, as well as "ellie" and "mae" */
		while (*spaced && *spaced != ' ' && *spaced != '\t')
			spaced++;
		if (spaced > p)
			add(terms, max, &count, word, (size_t)(spaced - word));
	}
	if (reference && *reference) {
		add(terms, max, &count, reference, strlen(reference));
		for (const char *h = strchr(reference, '-'); h; h = strchr(h + 1, '-'))
			add(terms, max, &count, h + 1, strlen(h + 1));
	}
	return count;
}

size_t search_words(const char *query, char words[][SEARCH_TERM_MAX], size_t max)
{
	size_t count = 0;
	const char *p = query ? query : "";
	while (*p && count < max) {
		while (*p == ' ' || *p == '\t')
			p++;
		/* A hyphen stays inside a word, so a whole reference or a
		 * hyphenated name is one; a leading one or an apostrophe is not. */
		while (*p == '-' || *p == '\'')
			p++;
		const char *word = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (p > word)
			term_of(word, (size_t)(p - word), words[count++]);
	}
	return count;
}

int search_range(const char *word, char to[SEARCH_TERM_MAX])
{
	size_t len = strlen(word);
	if (len == 0 || len >= SEARCH_TERM_MAX)
		return -1;
	memcpy(to, word, len + 1);
	/* The last byte that can be raised is raised and the rest dropped:
	 * everything starting with `word` sorts before it, byte by byte. */
	while (len > 0 && (unsigned char)to[len - 1] == 0xFF)
		len--;
	if (len == 0)
		return -1;
	to[len - 1] = (char)((unsigned char)to[len - 1] + 1);
	to[len] = '\0';
	return 0;
}
