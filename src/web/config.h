/* config.h — the timescale policy as JSON, both ways. */
#ifndef HEARTH_CONFIG_H
#define HEARTH_CONFIG_H

#include <jansson.h>
#include "../domain/clocks.h"
#include "../domain/form.h"

json_t *policy_to_json(const struct policy *p);
/* Reads and checks every setting; problems go to `errors`. Returns their count. */
int policy_from_json(const json_t *o, struct policy *p, json_t *errors);

#endif
