/* buf.h — a growable byte buffer, the one way hearth builds strings of
 * unknown length (response bodies, CSV, SQL-free text). Allocation failure
 * aborts: hearth cannot do anything useful without memory. */
#ifndef HEARTH_BUF_H
#define HEARTH_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* always NUL-terminated once anything is appended */
	size_t len, cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_append(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the data over to the caller (free() it); the buffer is left empty. */
char *buf_steal(struct buf *b);

/* Memory helpers that abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
