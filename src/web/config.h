/* config.h — the timescale policy and the security settings as JSON, both ways. */
#ifndef HEARTH_CONFIG_H
#define HEARTH_CONFIG_H

#include <jansson.h>
#include "../domain/clocks.h"
#include "../domain/form.h"

json_t *policy_to_json(const struct policy *p);
/* The settings' fields, for reading them from an HTML form (formdata.h);
 * policy_from_json() and security_from_json() check them. */
extern const struct field_spec TIMESCALE_FIELDS[];
extern const struct field_spec SECURITY_FIELDS[];
extern const struct field_spec SESSION_FIELDS[];

/* The weekly consultation session: {weekday: "tuesday", start: "10:00",
 * slots, slot_minutes}, both ways. */
struct session_schedule;
json_t *sessions_to_json(const struct session_schedule *s);
int sessions_from_json(const json_t *o, struct session_schedule *s, json_t *errors);
/* Reads and checks every setting; problems go to `errors`. Returns their count. */
int policy_from_json(const json_t *o, struct policy *p, json_t *errors);

/* Sign-in settings: defaults (second factor required, 30 minutes idle,
 * 12 hours at most), as JSON, and read back with each problem in `errors`. */
struct security_settings;
void security_defaults(struct security_settings *s);
json_t *security_to_json(const struct security_settings *s);
int security_from_json(const json_t *o, struct security_settings *s, json_t *errors);

/* The service's name and contact details: checked, with defaults for a
 * service that has not set them yet. */
extern const struct field_spec SERVICE_FIELDS[];
json_t *service_defaults(void);
int service_from_json(const json_t *o, json_t **out, json_t *errors);

#endif
