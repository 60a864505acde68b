/* plan_recipients.h — who should be sent the current family plan, worked
 * out from the case rather than typed: everyone who was at the meeting that
 * made it, everyone invited to it, everyone with parental responsibility,
 * and the referrer; nobody the safety rule forbids the plan (excluded,
 * restricted, died), whatever list they are on. Each comes with how they
 * can be sent it (e-mail when they have an address, else a letter), what
 * has been sent them, and the state of any e-mail on its way. */
#ifndef HEARTH_PLAN_RECIPIENTS_H
#define HEARTH_PLAN_RECIPIENTS_H

#include <jansson.h>

/* From a case's view (people, meetings, plans, distributions, mail,
 * referrer); an empty list when it has no plan. New reference. */
json_t *plan_recipients(const json_t *view);

#endif
