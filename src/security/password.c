/* password.c — password rules and Argon2id storage (password.h). */
#include "password.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/embedded.h"
#include "util/utf8.h"

_Static_assert(PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "password.h must match libsodium");

/* OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
#define OPSLIMIT 2
#define MEMLIMIT ((size_t)19 * 1024 * 1024)

/* --- the common-password list ------------------------------------------ */

/* Pointers to the start of each line of the embedded list: the list is a
 * read-only blob, so the index is made once and never freed. */
static const char **common;
static size_t common_n;
static pthread_once_t common_once = PTHREAD_ONCE_INIT;

static size_t line_len(const char *s)
{
	const char *nl = strchr(s, '\n');
	return nl ? (size_t)(nl - s) : strlen(s);
}

/* Byte order, as LC_ALL=C sort made the list. */
static int bytes_cmp(const char *a, size_t la, const char *b, size_t lb)
{
	int c = memcmp(a, b, la < lb ? la : lb);
	return c ? c : (la > lb) - (la < lb);
}

static int qsort_cmp(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
	return bytes_cmp(a, line_len(a), b, line_len(b));
}

static void common_build(void)
{
	const struct embedded_file *f = embedded_find("common-passwords.txt");
	if (!f)
		return;
	size_t n = 0;
	for (size_t i = 0; i < f->len; i++)
		n += f->data[i] == '\n';
	common = xmalloc((n + 1) * sizeof *common);
	for (const char *p = f->data; *p;) {
		size_t l = line_len(p);
		if (l)
			common[common_n++] = p;
		p += l + (p[l] == '\n');
	}
	/* The build sorts the list; if that ever changes, binary search would
	 * silently miss entries, so sort rather than trust. */
	for (size_t i = 1; i < common_n; i++)
		if (qsort_cmp(&common[i - 1], &common[i]) > 0) {
			qsort(common, common_n, sizeof *common, qsort_cmp);
			break;
		}
}

bool password_is_common(const char *password)
{
	if (!password)
		return false;
	pthread_once(&common_once, common_build);
	/* The list was lower-cased byte by byte (ASCII only), so the same
	 * lower-casing here makes the comparison ignore case. */
	size_t len = strlen(password);
	char *low = xmalloc(len + 1);
	for (size_t i = 0; i <= len; i++) {
		char c = password[i];
		low[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	bool found = false;
	size_t lo = 0, hi = common_n;
	while (lo < hi && !found) {
		size_t mid = lo + (hi - lo) / 2;
		int c = bytes_cmp(low, len, common[mid], line_len(common[mid]));
		if (c == 0)
			found = true;
		else if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	free(low);
	return found;
}

size_t password_common_count(void)
{
	pthread_once(&common_once, common_build);
	return common_n;
}

/* --- rules ---------------------------------------------------------------- */

int password_init(void)
{
	if (sodium_init() < 0)
		return -1;
	/* Build the index now, so the first person to choose a password does
	 * not wait for it, and a binary without its list fails at start. */
	return password_common_count() > 0 ? 0 : -1;
}

const char *password_problem(const char *password, const char *email, const char *name)
{
	if (!password || !*password)
		return "Enter a password";
	if (!utf8_valid(password))
		return "Your password contains characters that cannot be read; type it again";
	size_t chars = utf8_chars(password);
	if (chars < PASSWORD_MIN_CHARS)
		return "Your password must be at least 12 characters long";
	if (chars > PASSWORD_MAX_CHARS)
		return "Your password must be 128 characters or fewer";
	if ((email && strcasecmp(password, email) == 0) || (name && strcasecmp(password, name) == 0))
		return "Your password must not be your name or email address";
	if (password_is_common(password))
		return "This password is too common and easy to guess: choose another one, such as three random words";
	return NULL;
}

/* --- storage -------------------------------------------------------------- */

int password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
	if (!password)
		return -1;
	return crypto_pwhash_str_alg(out, password, strlen(password), OPSLIMIT, MEMLIMIT,
	                             crypto_pwhash_ALG_ARGON2ID13);
}

/* A real hash to spend the time of a verification on when there is no
 * usable hash, so a missing account answers as slowly as a wrong password. */
static char dummy[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	static const char pw[] = "hearth: no such account";
	if (password_hash(pw, dummy) != 0)
		dummy[0] = '\0';
}

bool password_verify(const char *hash, const char *password)
{
	if (!password)
		password = "";
	size_t len = strlen(password);
	/* needs_rehash parses the string and returns -1 when it is not a hash
	 * libsodium understands; verify alone would fail such a hash quickly. */
	if (!hash || strnlen(hash, PASSWORD_HASH_MAX) >= PASSWORD_HASH_MAX ||
	    crypto_pwhash_str_needs_rehash(hash, OPSLIMIT, MEMLIMIT) < 0) {
		pthread_once(&dummy_once, dummy_make);
		int spent = crypto_pwhash_str_verify(dummy, password, len);
		(void)spent; /* only its time matters */
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, len) == 0;
}
