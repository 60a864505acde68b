/* formdata.h — an HTML form's body (application/x-www-form-urlencoded)
 * turned into the JSON object the API takes, guided by the same field
 * declaration (domain/form.h) that checks it: so a page's form and the
 * API's JSON are checked by one set of rules.
 *
 * How a page names its inputs:
 *   text, choices, ids        name="child_name"           -> "child_name": "…"
 *   yes/no (F_BOOL)           name="urgent" value="yes"   -> "urgent": true ("no" -> false)
 *   whole numbers             name="count"                -> "count": 3
 *   dates (GOV.UK date input) name="born-day", "born-month", "born-year" -> "born": "2026-03-03"
 *   date and time             the same, plus "at-time" ("14:30")   -> "at": "2026-03-03T14:30:00"
 *   lists of rows             name="items[0][what]"       -> "items": [{"what": "…"}]
 *   ticked checkboxes         name="roles" (repeated)     -> "roles": ["coordinator", …]
 * Empty inputs are left out (so a required one is reported as missing),
 * empty rows after the last filled one are dropped (a row with only a
 * radio ticked counts as empty: a radio cannot be unticked), and a textarea's CRLF
 * becomes LF. Inputs the declaration does not name (the CSRF token,
 * buttons) are ignored. Problems only a form can have — a date missing
 * its month, a time that is not one — are appended to `errors` in the
 * GOV.UK wording ("The date of birth must include a month").
 */
#ifndef HEARTH_FORMDATA_H
#define HEARTH_FORMDATA_H

#include <jansson.h>
#include <stddef.h>
#include "../domain/form.h"

/* The raw pairs of a body as {"name": "value"}; a repeated name gives a
 * list of its values. -1 when the body is not valid
 * percent-encoded UTF-8 (or has more than 2,000 pairs). */
int formdata_pairs(const char *body, size_t len, json_t **out);

/* The typed object for `spec` from the raw pairs; never fails. */
json_t *formdata_typed(const json_t *pairs, const struct field_spec *spec, json_t *errors);

/* The id a page gives the input of `field` ("items[2].what" -> "items-2-what"),
 * for error-summary links. */
void formdata_field_id(const char *field, char *out, size_t n);

#endif
