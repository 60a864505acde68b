/* settings_store.c — SQL for settings and bank holidays. */
#include "settings_store.h"
#include "../domain/datetime.h"
#include "../util/buf.h"

static const char SQL_GET[] = "SELECT value FROM settings WHERE key = $1";
static const char SQL_PUT[] =
	"INSERT INTO settings (key, value) VALUES ($1, $2) "
	"ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char SQL_HOLIDAYS[] = "SELECT day FROM bank_holidays WHERE nation = $1 ORDER BY day";

int settings_get(struct db *db, const char *key, char **out, struct err *e)
{
	struct db_result *r;
	*out = NULL;
	if (db_query(db, SQL_GET, DB_ARGS(key), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0)
		*out = xstrdup(db_cell(r, 0, 0));
	db_result_free(r);
	return 0;
}

int settings_put(struct db *db, const char *key, const char *value, struct err *e)
{
	return db_exec(db, SQL_PUT, DB_ARGS(key, value), NULL, e);
}

int holidays_load(struct db *db, struct calendar *cal, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_HOLIDAYS, DB_ARGS(nation_slug(cal->nation)), &r, e) != 0)
		return -1;
	int rc = 0;
	for (int i = 0; i < db_nrows(r) && rc == 0; i++) {
		int32_t day;
		if (dt_parse_date(db_cell(r, i, 0), &day) != 0)
			rc = err_set(e, ERR_INTERNAL, NULL, "Bank holiday \"%s\" is not a date.", db_cell(r, i, 0));
		else
			rc = cal_add(cal, day, e);
	}
	db_result_free(r);
	return rc;
}
