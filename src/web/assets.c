/* assets.c — the stylesheet, scripts and icon the pages use, compiled into
 * the binary (the Makefile builds govuk-frontend's Sass with our settings)
 * and served from /assets/. They hold nothing personal, so browsers may
 * keep them for an hour. */
#include "api.h"
#include "../util/embedded.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *ext, *type;
} TYPES[] = {
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".mjs", "text/javascript; charset=utf-8"},
	{".svg", "image/svg+xml"},
};

int handle_asset(struct app *app, const struct request *req, struct response *res)
{
	(void)app;
	const char *name = http_param(req, "name");
	char path[160];
	const struct embedded_file *f = NULL;
	if (name && !strchr(name, '/') && snprintf(path, sizeof path, "assets/%s", name) < (int)sizeof path)
		f = embedded_find(path);
	const char *type = NULL;
	for (size_t i = 0; f && i < sizeof TYPES / sizeof *TYPES; i++) {
		size_t n = strlen(name), e = strlen(TYPES[i].ext);
		if (n > e && strcmp(name + n - e, TYPES[i].ext) == 0)
			type = TYPES[i].type;
	}
	if (!type) {
		http_error(res, 404, NULL, "There is no such file.");
		return 0;
	}
	res->content_type = type;
	http_header(res, "Cache-Control", "public, max-age=3600");
	buf_append(&res->body, f->data, f->len);
	return 0;
}
