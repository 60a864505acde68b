/* migrate.c — numbered migrations and the shipped reference data.
 *
 * Migrations are the embedded files "migrations/NNN_name.sql", applied in
 * name order and recorded in schema_migrations. A file
 * "migrations/NNN_name.pg.sql" or ".sqlite.sql" replaces the plain one for
 * that dialect, for the rare statement the two do not share.
 */
#include "migrate.h"
#include "../util/buf.h"
#include "../util/embedded.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SQL_CREATE_LOG[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)";
static const char SQL_APPLIED[] = "SELECT version FROM schema_migrations WHERE version = $1";
static const char SQL_RECORD[] = "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)";
static const char SQL_HOLIDAY[] =
	"INSERT INTO bank_holidays (nation, day, title) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool is_dialect_file(const char *name)
{
	return ends_with(name, ".pg.sql") || ends_with(name, ".sqlite.sql");
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp((*(const struct embedded_file *const *)a)->name,
		      (*(const struct embedded_file *const *)b)->name);
}

/* The plain migrations, sorted by name. Caller frees the array. */
static size_t list_migrations(const struct embedded_file ***out)
{
	const struct embedded_file **list = xcalloc(embedded_count, sizeof *list);
	size_t n = 0;
	for (size_t i = 0; i < embedded_count; i++) {
		const char *name = embedded_files[i].name;
		if (strncmp(name, "migrations/", 11) == 0 && ends_with(name, ".sql") && !is_dialect_file(name))
			list[n++] = &embedded_files[i];
	}
	qsort(list, n, sizeof *list, cmp_names);
	*out = list;
	return n;
}

/* "migrations/001_cases.sql" -> "001_cases" */
static void version_of(const char *name, char *out, size_t n)
{
	const char *base = name + 11;
	size_t len = strlen(base) - 4;
	snprintf(out, n, "%.*s", (int)len, base);
}

static const struct embedded_file *dialect_version(struct db *db, const char *version)
{
	char name[200];
	snprintf(name, sizeof name, "migrations/%s.%s.sql", version,
		 db_kind(db) == DB_POSTGRES ? "pg" : "sqlite");
	return embedded_find(name);
}

static int is_applied(struct db *db, const char *version, bool *yes, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_APPLIED, DB_ARGS(version), &r, e) != 0)
		return -1;
	*yes = db_nrows(r) > 0;
	db_result_free(r);
	return 0;
}

static int load_holidays(struct db *db, struct err *e)
{
	static const char *const nations[][2] = {
		{"england-and-wales", "bank-holidays/bank-holidays-england-and-wales.csv"},
		{"scotland", "bank-holidays/bank-holidays-scotland.csv"},
		{"northern-ireland", "bank-holidays/bank-holidays-northern-ireland.csv"},
	};
	if (db_begin(db, e) != 0)
		return -1;
	for (size_t i = 0; i < sizeof nations / sizeof *nations; i++) {
		const struct embedded_file *f = embedded_find(nations[i][1]);
		if (!f)
			continue;
		char *text = xstrdup(f->data), *save = NULL;
		for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *comma = strchr(line, ',');
			size_t ll = strlen(line);
			if (ll && line[ll - 1] == '\r')
				line[ll - 1] = '\0';
			if (!comma || strncmp(line, "date,", 5) == 0)
				continue;
			*comma = '\0';
			if (db_exec(db, SQL_HOLIDAY, DB_ARGS(nations[i][0], line, comma + 1), NULL, e) != 0) {
				free(text);
				db_rollback(db);
				return -1;
			}
		}
		free(text);
	}
	return db_commit(db, e);
}

int migrate_apply(struct db *db, int *applied, struct err *e)
{
	*applied = 0;
	if (db_exec(db, SQL_CREATE_LOG, DB_NOARGS, NULL, e) != 0)
		return -1;
	const struct embedded_file **list;
	size_t n = list_migrations(&list);
	int rc = -1;
	for (size_t i = 0; i < n; i++) {
		char version[160];
		version_of(list[i]->name, version, sizeof version);
		bool done;
		if (is_applied(db, version, &done, e) != 0)
			goto out;
		if (done)
			continue;
		const struct embedded_file *f = dialect_version(db, version);
		if (!f)
			f = list[i];
		char now[32];
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
		if (db_begin(db, e) != 0)
			goto out;
		if (db_exec_script(db, f->data, e) != 0 ||
		    db_exec(db, SQL_RECORD, DB_ARGS(version, now), NULL, e) != 0) {
			db_rollback(db);
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			err_set(e, ERR_INTERNAL, NULL, "Migration %s failed: %s", version, msg);
			goto out;
		}
		if (db_commit(db, e) != 0)
			goto out;
		(*applied)++;
	}
	rc = load_holidays(db, e);
out:
	free(list);
	return rc;
}

int migrate_check(struct db *db, struct err *e)
{
	const struct embedded_file **list;
	size_t n = list_migrations(&list);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char version[160];
		version_of(list[i]->name, version, sizeof version);
		bool done = false;
		struct err ignored;
		if (is_applied(db, version, &done, &ignored) != 0 || !done)
			rc = err_set(e, ERR_INTERNAL, NULL,
				     "The database is not up to date (migration %s has not been applied): run `hearth migrate` first.",
				     version);
	}
	free(list);
	return rc;
}
