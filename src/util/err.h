/* err.h — the one error idiom used throughout hearth.
 *
 * Functions return 0 on success and -1 on failure, and describe the failure
 * in a caller-supplied struct err. The message is written for a person (it
 * may reach a user's screen), and `field` names the input it concerns when
 * there is one, so the web layer can turn it into a {field, message} error.
 */
#ifndef HEARTH_ERR_H
#define HEARTH_ERR_H

enum err_kind {
	ERR_NONE = 0,
	ERR_INVALID,   /* bad input: HTTP 422 */
	ERR_NOT_FOUND, /* no such object: HTTP 404 */
	ERR_CONFLICT,  /* not allowed in the case's present state: HTTP 409 */
	ERR_INTERNAL,  /* our fault or the environment's: HTTP 500 */
};

struct err {
	enum err_kind kind;
	char field[64];
	char msg[512];
};

/* Sets kind, field (may be NULL) and a printf-style message; returns -1 so
 * that callers can write `return err_set(e, ...);`. `e` may be NULL. */
int err_set(struct err *e, enum err_kind kind, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

void err_clear(struct err *e);

#endif
