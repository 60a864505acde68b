/* router.c — matching a request's method and path to a route in the table
 * (routes.c), with ":name" segments captured into request params; the
 * guard (guard.c) decides whether the handler runs. */
#include "app.h"
#include "formdata.h"
#include "guard.h"
#include "page.h"
#include "../domain/access.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Matches one pattern; on success fills req->params. */
static bool match(const char *pattern, const char *path, struct request *req)
{
	int np = 0;
	size_t used = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == ':') {
			const char *name = ++p;
			while (*p && *p != '/')
				p++;
			size_t nlen = (size_t)(p - name);
			const char *val = s;
			while (*s && *s != '/')
				s++;
			size_t vlen = (size_t)(s - val);
			if (vlen == 0 || np == HTTP_MAX_PARAMS ||
			    used + nlen + vlen + 2 > sizeof req->param_store)
				return false;
			char *k = req->param_store + used;
			memcpy(k, name, nlen);
			k[nlen] = '\0';
			char *v = k + nlen + 1;
			memcpy(v, val, vlen);
			v[vlen] = '\0';
			used += nlen + vlen + 2;
			req->params[np++] = (struct kv){k, v};
			continue;
		}
		if (*p != *s)
			return false;
		p++, s++;
	}
	if (*p || *s)
		return false;
	req->nparams = np;
	return true;
}

bool app_routes_have_rules(const char **missing)
{
	for (size_t i = 0; i < routes_count; i++)
		if (!access_rule(routes[i].action)) {
			*missing = routes[i].action;
			return false;
		}
	return true;
}

/* An HTML form can only GET or POST: "_method" asks for PUT or DELETE, and
 * the CSRF token travels as a field. */
static int read_form(struct request *req, struct response *res)
{
	if (strcmp(req->method, "POST") != 0 || !http_type_is(req->content_type, "application/x-www-form-urlencoded"))
		return 0;
	if (formdata_pairs(req->body, req->body_len, &req->form) != 0) {
		http_error(res, 400, NULL, "The form could not be read: it is not valid UTF-8 text.");
		return -1;
	}
	const char *m = json_string_value(json_object_get(req->form, "_method"));
	if (m && strcmp(m, "PUT") == 0)
		req->method = "PUT";
	else if (m && strcmp(m, "DELETE") == 0)
		req->method = "DELETE";
	if (!req->csrf_token)
		req->csrf_token = json_string_value(json_object_get(req->form, "csrf_token"));
	return 0;
}

static void route(struct app *app, struct request *req, struct response *res);

void app_dispatch(struct app *app, struct request *req, struct response *res)
{
	if (read_form(req, res) == 0)
		route(app, req, res);
	json_decref(req->form);
	req->form = NULL;
}

static void route(struct app *app, struct request *req, struct response *res)
{
	bool path_known = false;
	char allow[128] = "";
	for (size_t i = 0; i < routes_count; i++) {
		const struct route *rt = &routes[i];
		if (!match(rt->pattern, req->path, req))
			continue;
		if (strcmp(rt->method, req->method) == 0 ||
		    (strcmp(req->method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0)) {
			guard_serve(app, rt, req, res);
			return;
		}
		path_known = true;
		size_t n = strlen(allow);
		snprintf(allow + n, sizeof allow - n, "%s%s", n ? ", " : "", rt->method);
	}
	req->nparams = 0;
	if (path_known) {
		static __thread char allow_hdr[128];
		snprintf(allow_hdr, sizeof allow_hdr, "%s", allow);
		http_header(res, "Allow", allow_hdr);
		http_error(res, 405, NULL, "This address does not accept that kind of request.");
	} else {
		http_error(res, 404, NULL, "There is nothing at this address. Check the link, or start again from the case list.");
	}
	if (page_wanted(NULL, req))
		page_not_routed(app, req, res);
}
