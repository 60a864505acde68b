/* embedded.h — files compiled into the binary (migrations, bank-holiday
 * calendars, the OpenAPI document), so `hearth` runs from any directory.
 * The table is generated at build time by tools/embed.c. */
#ifndef HEARTH_EMBEDDED_H
#define HEARTH_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* path relative to its source folder, e.g. "migrations/001_cases.sql" */
	const char *data; /* NUL-terminated */
	size_t len;
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_count;

/* NULL when absent. */
const struct embedded_file *embedded_find(const char *name);

#endif
