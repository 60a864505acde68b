/* meeting_parts.h — the times of a family meeting's three parts:
 * information sharing, private family time, agreeing the plan.
 *
 * Each part is a start and an end ("18:00", London time on the day of the
 * meeting), both given or neither. Given parts run in order, each ending
 * after it starts and not before the earlier one ends. Private family time
 * belongs to the family alone, so it can never be shorter than a moment;
 * agreeing a plan has no times when no plan was made. Pure.
 */
#ifndef HEARTH_MEETING_PARTS_H
#define HEARTH_MEETING_PARTS_H

#include <jansson.h>
#include <stdbool.h>

/* The field names, in order: sharing_from, sharing_to, private_from,
 * private_to, plan_from, plan_to. */
extern const char *const MEETING_PART_FIELDS[6];

/* Checks the times in `in` (strings under MEETING_PART_FIELDS, any absent);
 * adds each problem to `errors` for its field. Returns how many. */
int meeting_parts_check(const json_t *in, bool plan_made, json_t *errors);

#endif
