/* http.h — hearth's own view of an HTTP exchange.
 *
 * Handlers see only these structs, never libmicrohttpd's types (only
 * http/server.c includes <microhttpd.h>), so every handler can be called in
 * a unit test without a socket. Requests arrive fully read and size-checked;
 * responses are built in memory and carry the security headers added by
 * the server.
 */
#ifndef HEARTH_HTTP_H
#define HEARTH_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "../util/buf.h"

#define HTTP_MAX_PARAMS 8
#define HTTP_MAX_QUERY 32
#define HTTP_MAX_BODY (1024 * 1024) /* 1 MiB: no form needs more */

struct kv {
	const char *key, *value;
};

struct request {
	const char *method;       /* "GET", "POST", ... */
	const char *path;         /* without the query string */
	const char *content_type; /* may be NULL */
	const char *accept;       /* may be NULL */
	const char *body;         /* NUL-terminated; "" when empty */
	size_t body_len;
	struct kv query[HTTP_MAX_QUERY];
	int nquery;
	struct kv params[HTTP_MAX_PARAMS]; /* ":id" captures from the route */
	int nparams;
	char param_store[256]; /* the captured values live here */
	int64_t now;                       /* UTC seconds when the request arrived */
	/* Headers sign-in and the CSRF check need (NULL when absent). */
	const char *cookie, *authorization, *origin, *referer, *user_agent, *host, *fetch_site;
	const char *csrf_token; /* X-CSRF-Token, or an HTML form's csrf_token field */
	/* An HTML form's fields as {"name": "value"} (application/x-www-form-
	 * urlencoded bodies; NULL otherwise), read once by the router. */
	json_t *form;
	/* A "check your answers" first post: run the change, then roll it back. */
	bool dry_run;
	/* ?done=<action> of a page shown after a change (its success banner),
	 * taken out of the query before the handler sees it. */
	const char *done;
	char address[48]; /* the client's IP address */
	/* Set by the router before the handler runs: who is asking (never NULL
	 * in a handler) and the access rule of the route. */
	struct principal *who;
	const struct access_rule *rule;
};

#define HTTP_MAX_HEADERS 8

struct principal;
struct access_rule;

struct response {
	int status;
	const char *content_type;
	struct buf body;
	/* A JSON answer is kept as the value the handler made: a page renders
	 * it without parsing it back, and only an API client's answer is turned
	 * into text (http_body_text). NULL for any other body. */
	json_t *json;
	struct kv headers[HTTP_MAX_HEADERS]; /* static strings or owned by `owned` */
	int nheaders;
};

/* Whether a Content-Type header is `want`, parameters aside
 * ("application/json; charset=utf-8" is "application/json"). */
bool http_type_is(const char *content_type, const char *want);

/* Lookup helpers: NULL when absent. */
const char *http_query(const struct request *r, const char *key);
const char *http_param(const struct request *r, const char *key);

void http_response_init(struct response *res);
void http_response_free(struct response *res);
/* The body as text, writing out a kept JSON answer first. */
const struct buf *http_body_text(struct response *res);
/* Empties the body (and drops a kept JSON answer) before writing another. */
void http_body_reset(struct response *res);
/* Adds a header; key and value must outlive the response (static strings). */
void http_header(struct response *res, const char *key, const char *value);

/* Sets status and a JSON body (takes a reference to nothing: `v` is only read). */
void http_json(struct response *res, int status, const json_t *v);
/* {"errors":[{"field": field, "message": msg}]} with `status`. */
void http_error(struct response *res, int status, const char *field, const char *msg);
/* A list of {field, message} objects as 422. Steals `errors`. */
void http_errors(struct response *res, int status, json_t *errors);

#endif
