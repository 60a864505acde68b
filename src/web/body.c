/* body.c — request bodies as JSON objects (body.h). */
#include "body.h"
#include "formdata.h"

#include <stdio.h>
#include <string.h>

static int json_body(const struct request *req, struct response *res, json_t **out)
{
	json_error_t je;
	json_t *v = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		char msg[400];
		if (json_error_code(&je) == json_error_invalid_utf8)
			snprintf(msg, sizeof msg, "The request is not valid UTF-8 text.");
		else if (json_error_code(&je) == json_error_null_character)
			snprintf(msg, sizeof msg, "The request contains a NUL character (\\u0000), which cannot be stored.");
		else if (json_error_code(&je) == json_error_duplicate_key)
			snprintf(msg, sizeof msg, "A field appears twice in the request: %s.", je.text);
		else
			snprintf(msg, sizeof msg, "The request is not valid JSON (line %d, column %d): %s.",
				 je.line, je.column, je.text);
		http_error(res, 400, NULL, msg);
		return -1;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		http_error(res, 400, NULL, "The request must be a JSON object of fields.");
		return -1;
	}
	*out = v;
	return 0;
}

int body_read(const struct request *req, struct response *res, const struct field_spec *spec, json_t **out,
	      json_t *errors)
{
	if (http_type_is(req->content_type, "application/json"))
		return json_body(req, res, out);
	/* Removing something needs no body at all. */
	if (strcmp(req->method, "DELETE") == 0 && req->body_len == 0) {
		*out = json_object();
		return 0;
	}
	if (http_type_is(req->content_type, "application/x-www-form-urlencoded")) {
		json_t *pairs = req->form ? json_incref(req->form) : NULL;
		if (!pairs && formdata_pairs(req->body, req->body_len, &pairs) != 0) {
			http_error(res, 400, NULL, "The form could not be read: it is not valid UTF-8 text.");
			return -1;
		}
		json_t *scratch = errors ? NULL : json_array();
		*out = formdata_typed(pairs, spec, errors ? errors : scratch);
		json_decref(scratch);
		json_decref(pairs);
		return 0;
	}
	http_error(res, 415, NULL, "Send the request as JSON (Content-Type: application/json).");
	return -1;
}

static bool named(const json_t *errors, const char *field)
{
	size_t i;
	const json_t *e;
	json_array_foreach(errors, i, e) {
		const char *f = json_string_value(json_object_get(e, "field"));
		if (f && strcmp(f, field) == 0)
			return true;
	}
	return false;
}

int body_check(const json_t *in, const struct field_spec *spec, json_t *errors)
{
	json_t *found = json_array();
	form_check(in, spec, "", found);
	int added = 0;
	size_t i;
	json_t *e;
	json_array_foreach(found, i, e) {
		const char *f = json_string_value(json_object_get(e, "field"));
		if (f && named(errors, f))
			continue;
		json_array_append(errors, e);
		added++;
	}
	json_decref(found);
	return added;
}

int body_checked(const struct request *req, struct response *res, const struct field_spec *spec,
		 json_t **out)
{
	json_t *errors = json_array();
	if (body_read(req, res, spec, out, errors) != 0) {
		json_decref(errors);
		return -1;
	}
	body_check(*out, spec, errors);
	if (json_array_size(errors) > 0) {
		http_errors(res, 422, errors);
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	json_decref(errors);
	return 0;
}
