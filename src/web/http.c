/* http.c — helpers for building responses and reading requests (http.h). */
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include "../util/utf8.h"
#include <string.h>

static const char *lookup(const struct kv *kv, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].value;
	return NULL;
}

bool http_type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);
	return ct && strncmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

const char *http_query(const struct request *r, const char *key)
{
	return lookup(r->query, r->nquery, key);
}

const char *http_param(const struct request *r, const char *key)
{
	return lookup(r->params, r->nparams, key);
}

void http_response_init(struct response *res)
{
	memset(res, 0, sizeof *res);
	res->status = 200;
	buf_init(&res->body);
}

void http_response_free(struct response *res)
{
	buf_free(&res->body);
	json_decref(res->json);
	res->json = NULL;
}

void http_body_reset(struct response *res)
{
	buf_reset(&res->body);
	json_decref(res->json);
	res->json = NULL;
}

const struct buf *http_body_text(struct response *res)
{
	if (res->json && res->body.len == 0) {
		char *s = json_dumps(res->json, JSON_COMPACT);
		if (s) {
			buf_puts(&res->body, s);
			free(s);
		}
	}
	return &res->body;
}

void http_header(struct response *res, const char *key, const char *value)
{
	if (res->nheaders < HTTP_MAX_HEADERS)
		res->headers[res->nheaders++] = (struct kv){key, value};
}

void http_json(struct response *res, int status, const json_t *v)
{
	json_t *keep = json_incref((json_t *)v);
	http_body_reset(res);
	res->status = status;
	res->content_type = "application/json; charset=utf-8";
	res->json = keep;
}

void http_errors(struct response *res, int status, json_t *errors)
{
	json_t *v = json_pack("{s:o}", "errors", errors);
	http_json(res, status, v);
	json_decref(v);
}

void http_error(struct response *res, int status, const char *field, const char *msg)
{
	json_t *list = json_array();
	char f[256], m[1024];
	snprintf(f, sizeof f, "%s", field ? field : "");
	snprintf(m, sizeof m, "%s", msg);
	utf8_trim(f);
	utf8_trim(m);
	json_array_append_new(list, json_pack("{s:s?,s:s}", "field", *f ? f : NULL, "message", m));
	http_errors(res, status, list);
}
