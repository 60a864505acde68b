/* body.h — reading a request's body into the JSON object a handler checks:
 * JSON from the API, or an HTML form turned into the same JSON by the
 * handler's field declaration (formdata.h). One set of rules for both. */
#ifndef HEARTH_BODY_H
#define HEARTH_BODY_H

#include "http.h"
#include "../domain/form.h"

/* The body as an object into *out (release it). Problems only a form can
 * have (a date missing its month) are appended to `errors` (may be NULL for
 * JSON-only callers). An unreadable body is answered (400/415) and -1
 * returned. A form with no declaration (spec NULL) reads as {}. */
int body_read(const struct request *req, struct response *res, const struct field_spec *spec, json_t **out,
	      json_t *errors);

/* form_check() of `in`, leaving out fields already in `errors`, so a date a
 * form reported as missing its month is not also "Enter the date".
 * Returns how many problems it added. */
int body_check(const json_t *in, const struct field_spec *spec, json_t *errors);

/* body_read, then body_check: any problem is answered (400/415/422) and -1
 * returned; otherwise *out holds the body (release it). */
int body_checked(const struct request *req, struct response *res, const struct field_spec *spec,
		 json_t **out);

#endif
