/* tpl.h — hearth's small mustache-style template renderer.
 *
 * Every page is a template given the same JSON view model the API returns.
 * Templates are parsed once (at start) into a set; rendering walks the tree.
 * The language, deliberately small:
 *
 *   {{name}} {{a.b.c}} {{.}}   text, always HTML-escaped (there is no
 *                              unescaped form, so data can never become markup)
 *   {{#name}}…{{/name}}        section: skipped for missing, null, false, 0,
 *                              "" and []; repeated for each element of an
 *                              array; otherwise rendered once with the value
 *                              on top of the context
 *   {{#name?}}…{{/name?}}      rendered once when name is not falsy, with the
 *                              context unchanged ("is the list empty?")
 *   {{^name}}…{{/name}}        inverted section: rendered when the above skips
 *   {{#a==b}}…{{/a==b}}        rendered when a and b (names or "literals")
 *                              have the same text; {{^a==b}} when not
 *   {{>partial k=v k.sub="x"}} another template, with the parameters on top of
 *                              the context (v a name, its JSON value passed
 *                              as is, or a "literal"; a name with no value
 *                              gives null, or nothing for a dotted key)
 *   {{<partial k=v}}…{{/partial}}
 *                              the same, with a body the partial places where
 *                              it says {{$body}}; the body sees the caller's
 *                              context (a page inside its layout, a fieldset
 *                              around its radios)
 *   {{! comment }}
 *
 * Names resolve as in mustache: the first segment is looked up from the
 * innermost context outwards, the rest descend into it. In strict mode (for
 * tests) {{name}} that does not resolve is an error rather than "" — a typo
 * in a template fails a test instead of showing a blank.
 */
#ifndef HEARTH_TPL_H
#define HEARTH_TPL_H

#include <jansson.h>
#include <stdbool.h>
#include "../util/buf.h"
#include "../util/err.h"

struct tpl_set;

struct tpl_source {
	const char *name; /* "case", "govuk/input" */
	const char *text;
};

/* Parses every source (copied). Errors name the template and line. */
int tpl_set_parse(struct tpl_set **out, const struct tpl_source *src, size_t n, struct err *e);
/* The templates compiled into the binary (src/web/templates/). */
int tpl_set_embedded(struct tpl_set **out, struct err *e);
void tpl_set_free(struct tpl_set *set);
void tpl_set_strict(struct tpl_set *set, bool strict);
bool tpl_exists(const struct tpl_set *set, const char *name);

/* Appends the rendering of template `name` with context `ctx` to `out`.
 * On failure (unknown template or partial, or an unresolved name when
 * strict) returns -1; `out` may then hold part of the page. */
int tpl_render(const struct tpl_set *set, const char *name, const json_t *ctx, struct buf *out,
	       struct err *e);

/* Appends s HTML-escaped (& < > " '). */
void tpl_escape(struct buf *out, const char *s, size_t n);

#endif
