/* event_store.c — SQL for case_events. */
#include "event_store.h"
#include "rowjson.h"
#include "../util/ids.h"
#include "../util/utf8.h"

#include <stdio.h>

static const char SQL_ADD[] =
	"INSERT INTO case_events (id, case_id, at, action, summary, actor_id) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_LIST[] =
	"SELECT e.at, e.action, e.summary, e.actor_id, u.name AS actor_name FROM case_events e "
	"LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = $1 ORDER BY e.at, e.id";

int event_add(struct db *db, const char *case_id, const char *at, const char *action,
	      const char *summary, const char *actor_id, struct err *e)
{
	char id[33], text[2048];
	ids_new(id);
	snprintf(text, sizeof text, "%s", summary);
	utf8_trim(text); /* summaries quote names and may have been cut to fit */
	return db_exec(db, SQL_ADD, DB_ARGS(id, case_id, at, action, text, actor_id), NULL, e);
}

int event_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"at", NULL, COL_STR}, {"action", NULL, COL_STR}, {"summary", NULL, COL_STR},
		{"actor_id", NULL, COL_STR}, {"actor_name", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_LIST, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}
