/* rowjson.c — result rows to JSON (rowjson.h). */
#include "rowjson.h"

#include <stdlib.h>
#include <string.h>

static json_t *cell(const char *v, enum col_type t)
{
	if (!v)
		return json_null();
	switch (t) {
	case COL_INT:
		return json_integer(strtoll(v, NULL, 10));
	case COL_BOOL:
		return json_boolean(strcmp(v, "0") != 0 && strcmp(v, "f") != 0 && strcmp(v, "false") != 0);
	case COL_JSON: {
		json_t *j = json_loads(v, JSON_DECODE_ANY, NULL);
		return j ? j : json_null();
	}
	case COL_STR:
		break;
	}
	return json_string(v);
}

json_t *rowjson(const struct db_result *r, int row, const struct col_map *map)
{
	json_t *o = json_object();
	for (; map->col; map++)
		json_object_set_new(o, map->key ? map->key : map->col,
				    cell(db_get(r, row, map->col), map->type));
	return o;
}

json_t *rowjson_all(const struct db_result *r, const struct col_map *map)
{
	json_t *a = json_array();
	for (int i = 0; i < db_nrows(r); i++)
		json_array_append_new(a, rowjson(r, i, map));
	return a;
}
