/* network.h — the rules for recording a family network that a field
 * declaration alone cannot say: how the details of a person fit together
 * and which relationships make sense. Pure; problems are appended to a
 * JSON error list as {field, message}, as form_check() does. */
#ifndef HEARTH_NETWORK_H
#define HEARTH_NETWORK_H

#include <jansson.h>

/* A person's details (already checked field by field); `today` is
 * "YYYY-MM-DD" in London. */
void network_check_person(const json_t *in, const char *today, json_t *errors);

/* "a is the <kind> of b": a_id/b_id are the two people (member ids);
 * `reverse_kind` is a relationship already recorded between them either
 * way round ("" when none). */
void network_check_relationship(const json_t *in, const char *reverse_kind, json_t *errors);

/* Whether a relationship code is a couple's. */
int network_is_partner(const char *kind);

#endif
