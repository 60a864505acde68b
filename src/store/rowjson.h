/* rowjson.h — turning result rows into JSON objects with typed values,
 * so each store file declares its columns once instead of converting
 * cell by cell. */
#ifndef HEARTH_ROWJSON_H
#define HEARTH_ROWJSON_H

#include <jansson.h>
#include "db.h"

enum col_type { COL_STR, COL_INT, COL_BOOL, COL_JSON };

struct col_map {
	const char *col; /* column in the result */
	const char *key; /* key in the object; NULL = same as col */
	enum col_type type;
};

/* Map ends with {NULL}. SQL NULL becomes JSON null. */
json_t *rowjson(const struct db_result *r, int row, const struct col_map *map);
/* Every row, as an array. */
json_t *rowjson_all(const struct db_result *r, const struct col_map *map);

#endif
