/* test_govuk.c — our govuk/ partials (src/web/templates/govuk/) against
 * govuk-frontend's own reference HTML.
 *
 * Each govuk-frontend component ships fixtures.json: macro options and the
 * HTML its Nunjucks template renders for them. For every component we render
 * govuk/<component> with the options of an explicit list of fixtures (those
 * that use only options our partials support) and compare with the
 * fixture's HTML, both normalised: runs of whitespace become one space,
 * whitespace right after '>' or right before '<' goes, and the ends are
 * trimmed. A fixture missing from fixtures.json fails the test.
 *
 * Two things the template language cannot compute are supplied with the
 * options, as hearth's own callers supply them (see the partials' comments):
 *  - list positions: every object in a list gets "index" (1-based, counting
 *    every element as govuk's loop.index does) and the list's last element
 *    gets "last": true — for ids such as radios' name-2 and task-list-3-hint,
 *    and for markup that depends on the first, last or only item;
 *  - two "any item" flags govuk computes over a list: anyRowHasActions
 *    (summary-list) and anyItemHasError (date-input).
 * Fixtures marked AS_BODY give their `html` option as the partial's body
 * ({{<govuk/x}}…{{/govuk/x}}) — the way hearth passes rich content.
 *
 * Tests run from the repository root (the fixtures' path is relative). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/embedded.h"
#include "web/tpl.h"

#define FIXTURES "node_modules/govuk-frontend/dist/govuk/components/"

enum { AS_BODY = 1 };

struct fixture {
	const char *name;
	unsigned flags;
};

static struct tpl_set *templates; /* the embedded ones, strict */

/* ---------- normalising ---------- */

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Whitespace runs become one space, except right after '>', right before
 * '<' and at either end, where they go. */
static char *normalise(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (!is_space(s[i])) {
			out[o++] = s[i++];
			continue;
		}
		while (i < n && is_space(s[i]))
			i++;
		if (o > 0 && out[o - 1] != '>' && i < n && s[i] != '<')
			out[o++] = ' ';
	}
	out[o] = '\0';
	return out;
}

/* ---------- what hearth's callers add to govuk's options ---------- */

/* Every object in a list gets "index" (1-based) and the last element
 * "last": true; nested lists too. */
static void number_lists(json_t *v)
{
	if (json_is_array(v)) {
		size_t i, n = json_array_size(v);
		json_t *el;
		json_array_foreach(v, i, el) {
			if (json_is_object(el)) {
				json_object_set_new(el, "index", json_integer((json_int_t)i + 1));
				if (i + 1 == n)
					json_object_set_new(el, "last", json_true());
			}
			number_lists(el);
		}
	} else if (json_is_object(v)) {
		const char *k;
		json_t *el;
		json_object_foreach(v, k, el) {
			if (strcmp(k, "index") != 0 && strcmp(k, "last") != 0)
				number_lists(el);
		}
	}
}

/* summary-list: govuk's anyRowHasActions (some row has action items). */
static void any_row_has_actions(json_t *opts)
{
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(opts, "rows"), i, row) {
		json_t *items = json_object_get(json_object_get(row, "actions"), "items");
		if (json_array_size(items) > 0)
			json_object_set_new(opts, "anyRowHasActions", json_true());
	}
}

/* date-input: govuk's anyItemHasError (an item has error set, or
 * govuk-input--error among its classes). */
static void any_item_has_error(json_t *opts)
{
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(opts, "items"), i, item) {
		const char *classes = json_string_value(json_object_get(item, "classes"));
		if (json_is_true(json_object_get(item, "error")) ||
		    (classes && strstr(classes, "govuk-input--error")))
			json_object_set_new(opts, "anyItemHasError", json_true());
	}
}

/* ---------- rendering ---------- */

/* The embedded templates plus `extra` (name "test/caller"). */
static struct tpl_set *templates_with(const char *extra, struct err *e)
{
	static const char prefix[] = "templates/", suffix[] = ".html";
	struct tpl_source *src = xcalloc(embedded_count + 1, sizeof *src);
	char **names = xcalloc(embedded_count + 1, sizeof *names);
	size_t n = 0;
	for (size_t i = 0; i < embedded_count; i++) {
		const char *f = embedded_files[i].name;
		size_t len = strlen(f);
		if (strncmp(f, prefix, sizeof prefix - 1) != 0 || len < sizeof prefix + sizeof suffix ||
		    strcmp(f + len - (sizeof suffix - 1), suffix) != 0)
			continue;
		names[n] = strndup(f + sizeof prefix - 1, len - (sizeof prefix - 1) - (sizeof suffix - 1));
		src[n] = (struct tpl_source){names[n], embedded_files[i].data};
		n++;
	}
	src[n++] = (struct tpl_source){"test/caller", extra};
	struct tpl_set *set = NULL;
	if (tpl_set_parse(&set, src, n, e) == 0)
		tpl_set_strict(set, true);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(src);
	return set;
}

/* Renders govuk/<component> for `opts`; NULL with e->msg on failure. With
 * AS_BODY the options' html is the body of a {{<govuk/component}} call. */
static char *render(const char *component, json_t *opts, unsigned flags, struct err *e)
{
	char name[96];
	snprintf(name, sizeof name, "govuk/%s", component);
	struct buf out;
	buf_init(&out);
	int rc;
	if (flags & AS_BODY) {
		const char *html = json_string_value(json_object_get(opts, "html"));
		if (!html || strstr(html, "{{")) {
			err_set(e, ERR_INTERNAL, NULL, "AS_BODY needs an html option without {{");
			buf_free(&out);
			return NULL;
		}
		struct buf caller;
		buf_init(&caller);
		buf_printf(&caller, "{{<%s}}%s{{/%s}}", name, html, name);
		struct tpl_set *set = templates_with(caller.data, e);
		rc = set ? tpl_render(set, "test/caller", opts, &out, e) : -1;
		tpl_set_free(set);
		buf_free(&caller);
	} else {
		rc = tpl_render(templates, name, opts, &out, e);
	}
	char *s = rc == 0 ? buf_steal(&out) : NULL;
	buf_free(&out);
	return s;
}

static const json_t *find_fixture(const json_t *list, const char *name)
{
	size_t i;
	const json_t *f;
	json_array_foreach(list, i, f) {
		if (strcmp(json_string_value(json_object_get(f, "name")), name) == 0)
			return f;
	}
	return NULL;
}

/* Checks every listed fixture of `component`, reporting each mismatch. */
static void check(const char *component, const struct fixture *fx, size_t n, void (*prepare)(json_t *))
{
	char path[256];
	snprintf(path, sizeof path, FIXTURES "%s/fixtures.json", component);
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root)
		fail_msg("%s: %s (run the tests from the repository root)", path, je.text);
	const json_t *all = json_object_get(root, "fixtures");
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const json_t *f = find_fixture(all, fx[i].name);
		if (!f) {
			print_error("%s: there is no fixture \"%s\"\n", component, fx[i].name);
			bad++;
			continue;
		}
		json_t *opts = json_deep_copy(json_object_get(f, "options"));
		number_lists(opts);
		if (prepare)
			prepare(opts);
		struct err e = {0};
		char *got = render(component, opts, fx[i].flags, &e);
		if (!got) {
			print_error("%s / \"%s\": %s\n", component, fx[i].name, e.msg);
			bad++;
		} else {
			char *g = normalise(got);
			char *w = normalise(json_string_value(json_object_get(f, "html")));
			if (strcmp(g, w) != 0) {
				print_error("%s / \"%s\" differs\n  want: %s\n  got:  %s\n", component,
					    fx[i].name, w, g);
				bad++;
			}
			free(g);
			free(w);
		}
		free(got);
		json_decref(opts);
	}
	json_decref(root);
	if (bad)
		fail_msg("%d of %zu %s fixtures differ", bad, n, component);
}

#define CHECK(component, fixtures, prepare) \
	check(component, fixtures, sizeof fixtures / sizeof *fixtures, prepare)

/* ---------- one test per component ---------- */

static void test_input(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with hint text"},
		{"with error message"},
		{"with error and hint"},
		{"with width-2 class"},
		{"with width-3 class"},
		{"with width-4 class"},
		{"with width-5 class"},
		{"with width-10 class"},
		{"with width-20 class"},
		{"with width-30 class"},
		{"with label as page heading"},
		{"with prefix"},
		{"with suffix"},
		{"with prefix and suffix"},
		{"with prefix and suffix and error"},
		{"with prefix and suffix and width modifier"},
		{"with extra letter spacing"},
		{"classes"},
		{"id"},
		{"custom type"},
		{"value"},
		{"zero value"},
		{"with describedBy"},
		{"hint with describedBy"},
		{"error with describedBy"},
		{"with error, hint and describedBy"},
		{"inputmode"},
		{"with prefix with html as text"},
		{"with prefix with classes"},
		{"with suffix with html as text"},
		{"with optional form-group classes"},
		{"with autocomplete attribute"},
		{"with pattern attribute"},
		{"with spellcheck enabled"},
		{"with spellcheck disabled"},
		{"with autocapitalize turned off"},
		{"disabled"},
	};
	CHECK("input", fx, NULL);
}

static void test_textarea(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with hint"},
		{"with error message"},
		{"with default value"},
		{"with custom rows"},
		{"with label as page heading"},
		{"id"},
		{"classes"},
		{"with describedBy"},
		{"with hint and described by"},
		{"with error message and described by"},
		{"with hint and error message"},
		{"with hint, error message and described by"},
		{"with optional form-group classes"},
		{"with autocomplete attribute"},
		{"with spellcheck enabled"},
		{"with spellcheck disabled"},
	};
	CHECK("textarea", fx, NULL);
}

static void test_select(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with hint text and error message"},
		{"with label as page heading"},
		{"with full width override"},
		{"with describedBy"},
		{"with falsy items"},
		{"hint"},
		{"hint and describedBy"},
		{"error"},
		{"error and describedBy"},
		{"without values"},
		{"without values with selected value"},
		{"with falsy values"},
		{"item selected overrides value"},
		{"id"},
		{"with selected value"},
		{"with optional form-group classes"},
	};
	CHECK("select", fx, NULL);
}

static void test_radios(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with hint"},
		{"inline"},
		{"with a divider"},
		{"with hints on items"},
		{"without fieldset"},
		{"with fieldset and error message"},
		{"with very long option text"},
		{"small"},
		{"small with long text"},
		{"small with error"},
		{"small with hint"},
		{"small inline"},
		{"small with a divider"},
		{"with idPrefix"},
		{"minimal items and name"},
		{"with falsy items"},
		{"fieldset with describedBy"},
		{"label with classes"},
		{"with hints on parent and items"},
		{"with describedBy and hint"},
		{"with error message"},
		{"with error message and idPrefix"},
		{"with hint and error message"},
		{"with hint, error message and describedBy"},
		{"with fieldset, error message and describedBy"},
		{"item checked overrides value"},
		{"with disabled"},
		{"prechecked using value"},
	};
	CHECK("radios", fx, NULL);
}

static void test_checkboxes(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with hint"},
		{"with divider and None"},
		{"with hints on items"},
		{"with legend as a page heading"},
		{"with error message"},
		{"with very long option text"},
		{"small"},
		{"small with long text"},
		{"small with error"},
		{"small with hint"},
		{"small with divider and None"},
		{"with id and name"},
		{"with disabled item"},
		{"with idPrefix"},
		{"with falsy values"},
		{"classes"},
		{"with fieldset describedBy"},
		{"with checked item"},
		{"with label classes"},
		{"multiple hints"},
		{"with error message and hint"},
		{"with error, hint and fieldset describedBy"},
		{"with single option set 'aria-describedby' on input, and describedBy"},
		{"with single option (and hint) set 'aria-describedby' on input, and describedBy"},
		{"with error and idPrefix"},
		{"with error message and fieldset describedBy"},
		{"item checked overrides values"},
	};
	CHECK("checkboxes", fx, NULL);
}

static void test_date_input(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"day and month (using items)"},
		{"month and year (using items)"},
		{"with errors only (using items)"},
		{"with errors only (using items and classes)"},
		{"with error message and hint (using items)"},
		{"with error on day input (using items)"},
		{"with error on month input (using items)"},
		{"with error on year input (using items)"},
		{"with items"},
		{"custom pattern"},
		{"custom inputmode"},
		{"with id on items"},
		{"suffixed id"},
		{"with item value"},
		{"with error on single item"},
		{"with error on single item by omission"},
		{"with error on single item using classes"},
		{"items without classes"},
		{"with autocomplete values"},
	};
	CHECK("date-input", fx, any_item_has_error);
}

static void test_button(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"default hover state"},
		{"default active state"},
		{"default focus state"},
		{"disabled"},
		{"link"},
		{"start"},
		{"secondary"},
		{"secondary hover state"},
		{"secondary active state"},
		{"secondary focus state"},
		{"secondary disabled"},
		{"warning"},
		{"warning hover state"},
		{"warning active state"},
		{"warning focus state"},
		{"warning disabled"},
		{"inverse"},
		{"inverse hover state"},
		{"inverse active state"},
		{"inverse focus state"},
		{"inverse disabled"},
		{"classes"},
		{"link classes"},
		{"name"},
		{"type"},
		{"explicit link"},
		{"value"},
		{"no type"},
		{"no data-prevent-double-click"},
		{"don't prevent double click"},
		{"id"},
		{"start link"},
		{"prevent double click"},
	};
	CHECK("button", fx, NULL);
}

static void test_error_summary(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"without links"},
		{"mixed with and without links"},
		{"with description only"},
		{"with everything"},
		{"html as titleText"},
		{"description"},
		{"html as descriptionText"},
		{"classes"},
		{"error list with html as text"},
		{"error list with html as text link"},
		{"autofocus disabled"},
		{"autofocus explicitly enabled"},
	};
	CHECK("error-summary", fx, NULL);
}

static void test_error_message(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"id"},
		{"classes"},
		{"html as text"},
		{"with visually hidden text"},
		{"visually hidden text removed"},
	};
	CHECK("error-message", fx, NULL);
}

static void test_hint(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"classes"},
		{"id"},
		{"html as text"},
	};
	CHECK("hint", fx, NULL);
}

static void test_label(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with bold text"},
		{"styled as xl text"},
		{"styled as large text"},
		{"styled as medium text"},
		{"styled as small text"},
		{"as page heading xl"},
		{"as page heading l"},
		{"as page heading m"},
		{"as page heading s"},
		{"as page heading without class"},
		{"empty"},
		{"classes"},
		{"html as text"},
		{"for"},
	};
	CHECK("label", fx, NULL);
}

static void test_fieldset(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"styled as xl text"},
		{"styled as large text"},
		{"styled as medium text"},
		{"styled as small text"},
		{"as page heading xl"},
		{"as page heading l"},
		{"as page heading m"},
		{"as page heading s"},
		{"as page heading without class"},
		{"html fieldset content", AS_BODY},
		{"with describedBy"},
		{"html as text"},
		{"legend classes"},
		{"classes"},
		{"role"},
	};
	CHECK("fieldset", fx, NULL);
}

static void test_tag(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"grey"},
		{"turquoise"},
		{"green"},
		{"purple"},
		{"pink"},
		{"red"},
		{"orange"},
		{"yellow"},
		{"html as text"},
	};
	CHECK("tag", fx, NULL);
}

static void test_back_link(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"inverse"},
		{"classes"},
		{"html as text"},
		{"with custom text and link"},
	};
	CHECK("back-link", fx, NULL);
}

static void test_notification_banner(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with text as html", AS_BODY},
		{"with type as success"},
		{"with long heading"},
		{"with lots of content", AS_BODY},
		{"custom title"},
		{"title html as text"},
		{"custom title heading level"},
		{"custom title id"},
		{"custom title id with type as success"},
		{"custom text"},
		{"html as text"},
		{"custom role"},
		{"classes"},
		{"with invalid type"},
		{"auto-focus disabled, with type as success"},
		{"auto-focus explicitly enabled, with type as success"},
		{"role=alert overridden to role=region, with type as success"},
	};
	CHECK("notification-banner", fx, NULL);
}

static void test_task_list(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"forced hover state"},
		{"with hint text and additional states"},
		{"with all possible colours"},
		{"with very long single word tags"},
		{"custom classes"},
		{"custom id prefix"},
		{"html passed as text"},
		{"with empty values"},
	};
	CHECK("task-list", fx, NULL);
}

static void test_summary_list(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"as a summary card with a text header"},
		{"as a summary card with actions"},
		{"as a summary card with actions plus summary list actions"},
		{"with falsy values"},
		{"key with classes"},
		{"actions href"},
		{"actions with classes"},
		{"single action with anchor"},
		{"classes on items"},
		{"empty items array"},
		{"rows with classes"},
		{"summary card with custom classes"},
		{"summary card with only 1 action"},
		{"as a summary card with a custom header level"},
	};
	CHECK("summary-list", fx, any_row_has_actions);
}

static void test_pagination(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with custom link and item text"},
		{"with many pages"},
		{"first page"},
		{"last page"},
		{"with prev and next only"},
		{"with prev and next only and labels"},
		{"with prev and next only and very long labels"},
		{"with previous only"},
		{"with next only"},
		{"with custom classes"},
		{"with custom navigation landmark"},
		{"with custom accessible labels on item links"},
	};
	CHECK("pagination", fx, NULL);
}

static void test_warning_text(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"multiple lines"},
		{"classes"},
		{"html as text"},
		{"no icon fallback text"},
	};
	CHECK("warning-text", fx, NULL);
}

static void test_inset_text(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with html", AS_BODY},
		{"classes"},
		{"id"},
		{"html as text"},
	};
	CHECK("inset-text", fx, NULL);
}

static void test_details(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"expanded"},
		{"id"},
		{"html as text"},
		{"html", AS_BODY},
		{"summary html as text"},
		{"classes"},
		{"with html", AS_BODY},
	};
	CHECK("details", fx, NULL);
}

static void test_panel(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"title html as text"},
		{"body html as text"},
		{"classes"},
		{"title with no body text"},
		{"custom heading level"},
		{"confirmation, with actions"},
	};
	CHECK("panel", fx, NULL);
}

static void test_table(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with head"},
		{"with head and caption"},
		{"classes"},
		{"html as text"},
		{"head with classes"},
		{"head with rowspan and colspan"},
		{"with firstCellIsHeader true"},
		{"firstCellIsHeader with classes"},
		{"firstCellIsHeader with html as text"},
		{"firstCellIsHeader with rowspan and colspan"},
		{"rows with classes"},
		{"rows with rowspan and colspan"},
		{"with small text modifier for tables with a lot of data"},
	};
	CHECK("table", fx, NULL);
}

static void test_skip_link(void **state)
{
	(void)state;
	static const struct fixture fx[] = {
		{"default"},
		{"with focus"},
		{"no href"},
		{"custom href"},
		{"custom text"},
		{"html as text"},
		{"classes"},
	};
	CHECK("skip-link", fx, NULL);
}

/* ---------- how hearth's templates call the partials ---------- */

/* Renders the template `src` (which calls govuk/ partials) with `ctx`,
 * normalised; fails the test on an error. */
static char *render_caller(const char *src, const char *ctx_json)
{
	struct err e = {0};
	struct tpl_set *set = templates_with(src, &e);
	if (!set)
		fail_msg("%s", e.msg);
	json_error_t je;
	json_t *ctx = json_loads(ctx_json, 0, &je);
	if (!ctx)
		fail_msg("%s", je.text);
	struct buf out;
	buf_init(&out);
	if (tpl_render(set, "test/caller", ctx, &out, &e) != 0)
		fail_msg("%s", e.msg);
	char *s = normalise(out.data ? out.data : "");
	buf_free(&out);
	json_decref(ctx);
	tpl_set_free(set);
	return s;
}

/* An option a call leaves out is absent, not taken from the caller's
 * context (where names would otherwise resolve outwards); a body sees the
 * caller's context, also inside a partial's own items. */
static void test_calls_from_templates(void **state)
{
	(void)state;
	const char *ctx = "{\"id\":\"case-42\",\"classes\":\"leak\",\"value\":\"leak\","
			  "\"hint\":{\"text\":\"leak\"},\"errorMessage\":{\"text\":\"leak\"},"
			  "\"title\":\"Contact\",\"field\":{\"name\":\"email\",\"label\":\"Email\"},"
			  "\"ways\":[{\"value\":\"post\",\"text\":\"Post\",\"index\":1},"
			  "{\"value\":\"phone\",\"text\":\"Phone\",\"index\":2,\"last\":true}]}";
	char *got = render_caller("{{#field}}{{>govuk/input name=name label.text=label}}{{/field}}", ctx);
	assert_string_equal(got, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"email\">"
				 "Email</label><input class=\"govuk-input\" id=\"email\" name=\"email\" "
				 "type=\"text\"></div>");
	free(got);

	got = render_caller("{{<govuk/fieldset legend.text=title}}<p>{{title}}</p>"
			    "{{>govuk/radios name=\"way\" items=ways value=\"phone\"}}{{/govuk/fieldset}}",
			    ctx);
	assert_string_equal(
		got, "<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend\">Contact"
		     "</legend><p>Contact</p><div class=\"govuk-form-group\"><div class=\"govuk-radios\" "
		     "data-module=\"govuk-radios\"><div class=\"govuk-radios__item\"><input "
		     "class=\"govuk-radios__input\" id=\"way\" name=\"way\" type=\"radio\" value=\"post\">"
		     "<label class=\"govuk-label govuk-radios__label\" for=\"way\">Post</label></div>"
		     "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"way-2\" "
		     "name=\"way\" type=\"radio\" value=\"phone\" checked><label class=\"govuk-label "
		     "govuk-radios__label\" for=\"way-2\">Phone</label></div></div></div></fieldset>");
	free(got);

	/* A body passes through nested partials, each seeing its caller.
	 * (A call with no parameters would take the current context itself
	 * as its options, as in {{#field}}{{>govuk/input}}{{/field}}.) */
	got = render_caller("{{<govuk/details summaryText=\"More\"}}{{<govuk/inset-text id=\"more\"}}"
			    "<b>{{title}}</b>{{/govuk/inset-text}}{{/govuk/details}}",
			    ctx);
	assert_string_equal(got, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
				 "<span class=\"govuk-details__summary-text\">More</span></summary>"
				 "<div class=\"govuk-details__text\"><div id=\"more\" class=\"govuk-inset-text\">"
				 "<b>Contact</b></div></div></details>");
	free(got);

	/* Item ids: an item's own id wins; without id or index it is an
	 * error in strict mode rather than a duplicate id. */
	got = render_caller("{{>govuk/checkboxes name=\"c\" items=items}}",
			    "{\"items\":[{\"value\":\"a\",\"text\":\"A\",\"id\":\"own\"}]}");
	assert_non_null(strstr(got, "id=\"own\""));
	free(got);
	struct err e = {0};
	struct tpl_set *set = templates_with("{{>govuk/checkboxes name=\"c\" items=items}}", &e);
	assert_non_null(set);
	json_t *j = json_loads("{\"items\":[{\"value\":\"a\",\"text\":\"A\"}]}", 0, NULL);
	struct buf out;
	buf_init(&out);
	assert_int_equal(tpl_render(set, "test/caller", j, &out, &e), -1);
	assert_non_null(strstr(e.msg, "index"));
	buf_free(&out);
	json_decref(j);
	tpl_set_free(set);
}

static int setup(void **state)
{
	(void)state;
	struct err e = {0};
	if (tpl_set_embedded(&templates, &e) != 0) {
		print_error("%s\n", e.msg);
		return -1;
	}
	tpl_set_strict(templates, true);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tpl_set_free(templates);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_input),
		cmocka_unit_test(test_textarea),
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_radios),
		cmocka_unit_test(test_checkboxes),
		cmocka_unit_test(test_date_input),
		cmocka_unit_test(test_button),
		cmocka_unit_test(test_error_summary),
		cmocka_unit_test(test_error_message),
		cmocka_unit_test(test_hint),
		cmocka_unit_test(test_label),
		cmocka_unit_test(test_fieldset),
		cmocka_unit_test(test_tag),
		cmocka_unit_test(test_back_link),
		cmocka_unit_test(test_notification_banner),
		cmocka_unit_test(test_task_list),
		cmocka_unit_test(test_summary_list),
		cmocka_unit_test(test_pagination),
		cmocka_unit_test(test_warning_text),
		cmocka_unit_test(test_inset_text),
		cmocka_unit_test(test_details),
		cmocka_unit_test(test_panel),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_skip_link),
		cmocka_unit_test(test_calls_from_templates),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
