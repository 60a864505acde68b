/* test_tpl.c — the template renderer: escaping, sections, comparisons,
 * partials with parameters and bodies, strict mode and parse errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "web/tpl.h"

/* Renders `main` (with the partials in `more`, "name=text" pairs) against
 * the JSON `ctx`; returns the output or NULL (with e) on failure. */
static char *render_with(const char *main_src, const char *const *more, const char *ctx_json,
			 bool strict, struct err *e)
{
	struct tpl_source src[8] = {{"main", main_src}};
	char *names[8] = {0};
	size_t n = 1;
	for (; more && more[n - 1]; n++) {
		const char *eq = strchr(more[n - 1], '=');
		names[n] = strndup(more[n - 1], (size_t)(eq - more[n - 1]));
		src[n] = (struct tpl_source){names[n], eq + 1};
	}
	struct tpl_set *set = NULL;
	char *out = NULL;
	if (tpl_set_parse(&set, src, n, e) == 0) {
		tpl_set_strict(set, strict);
		json_error_t je;
		json_t *ctx = json_loads(ctx_json, 0, &je);
		assert_non_null(ctx);
		struct buf b;
		buf_init(&b);
		if (tpl_render(set, "main", ctx, &b, e) == 0)
			out = buf_steal(&b);
		buf_free(&b);
		json_decref(ctx);
		tpl_set_free(set);
	}
	for (size_t i = 1; i < n; i++)
		free(names[i]);
	return out;
}

static void expect(const char *src, const char *ctx, const char *want)
{
	struct err e = {0};
	char *got = render_with(src, NULL, ctx, true, &e);
	if (!got)
		fail_msg("%s", e.msg);
	assert_string_equal(got, want);
	free(got);
}

static void test_escapes_everything(void **state)
{
	(void)state;
	expect("<p title=\"{{t}}\">{{t}}</p>", "{\"t\":\"<script>'x' & \\\"y\\\"</script>\"}",
	       "<p title=\"&lt;script&gt;&#39;x&#39; &amp; &quot;y&quot;&lt;/script&gt;\">"
	       "&lt;script&gt;&#39;x&#39; &amp; &quot;y&quot;&lt;/script&gt;</p>");
	expect("{{n}} {{r}} {{b}} {{z}}", "{\"n\":42,\"r\":1.5,\"b\":true,\"z\":null}", "42 1.5 true ");
	expect("{{a.b.c}}", "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "deep");
	expect("{{name}} — Wiśniewski", "{\"name\":\"Łucja\"}", "Łucja — Wiśniewski");
}

static void test_no_unescaped_form(void **state)
{
	(void)state;
	struct err e = {0};
	assert_null(render_with("{{{raw}}}", NULL, "{\"raw\":\"<b>\"}", false, &e));
	assert_non_null(strstr(e.msg, "unescaped"));
	assert_null(render_with("{{&raw}}", NULL, "{\"raw\":\"<b>\"}", false, &e));
}

static void test_sections(void **state)
{
	(void)state;
	expect("{{#items}}<li>{{name}}</li>{{/items}}", "{\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}]}",
	       "<li>a</li><li>b</li>");
	expect("{{#items}}[{{.}}]{{/items}}", "{\"items\":[1,\"two\"]}", "[1][two]");
	/* Every falsy value skips a section and shows an inverted one. */
	const char *falsy[] = {"null", "false", "0", "\"\"", "[]"};
	for (size_t i = 0; i < sizeof falsy / sizeof *falsy; i++) {
		char ctx[64];
		snprintf(ctx, sizeof ctx, "{\"v\":%s}", falsy[i]);
		expect("{{#v}}yes{{/v}}{{^v}}no{{/v}}", ctx, "no");
	}
	expect("{{#v}}yes{{/v}}{{^v}}no{{/v}}", "{}", "no");
	expect("{{#v}}{{w}}{{/v}}", "{\"v\":{\"w\":\"inner\"},\"w\":\"outer\"}", "inner");
	/* Names not found in the section's value come from outer contexts. */
	expect("{{#items}}{{name}}/{{team}} {{/items}}", "{\"team\":\"North\",\"items\":[{\"name\":\"a\"}]}",
	       "a/North ");
	expect("{{#outer}}{{#inner}}{{x}}{{/inner}}{{/outer}}", "{\"outer\":{\"inner\":[{\"x\":1},{\"x\":2}]}}", "12");
	/* "name?" asks whether there is anything, once. */
	expect("{{#xs?}}<ul>{{#xs}}<li>{{.}}</li>{{/xs}}</ul>{{/xs?}}{{^xs}}none{{/xs}}", "{\"xs\":[1,2]}",
	       "<ul><li>1</li><li>2</li></ul>");
	expect("{{#xs?}}<ul>{{/xs?}}{{^xs}}none{{/xs}}", "{\"xs\":[]}", "none");
	expect("{{#o?}}{{k}}{{/o?}}", "{\"o\":{\"k\":\"inner\"},\"k\":\"outer\"}", "outer");
}

static void test_comparisons(void **state)
{
	(void)state;
	const char *t = "{{#items}}<option{{#value==chosen}} selected{{/value==chosen}}>{{value}}</option>{{/items}}";
	expect(t, "{\"chosen\":\"b\",\"items\":[{\"value\":\"a\"},{\"value\":\"b\"}]}",
	       "<option>a</option><option selected>b</option>");
	expect("{{#s==\"overdue\"}}red{{/s==\"overdue\"}}{{^s==\"overdue\"}}grey{{/s==\"overdue\"}}",
	       "{\"s\":\"overdue\"}", "red");
	expect("{{^s==\"overdue\"}}grey{{/s==\"overdue\"}}", "{\"s\":\"on_time\"}", "grey");
	expect("{{#n==\"3\"}}three{{/n==\"3\"}}", "{\"n\":3}", "three");
	/* A missing side is never equal. */
	expect("{{#a==b}}eq{{/a==b}}{{^a==b}}ne{{/a==b}}", "{\"a\":null}", "ne");
}

static void test_partials_with_parameters_and_body(void **state)
{
	(void)state;
	const char *parts[] = {"label=<label for=\"{{id}}\">{{label.text}}</label>",
			       "box=<div class=\"{{class}}\">{{$body}}</div>", NULL};
	struct err e = {0};
	char *got = render_with("{{>label id=\"child\" label.text=title}}"
				"{{<box class=\"x\"}}<b>{{title}}</b>{{/box}}",
				parts, "{\"title\":\"Child's name\"}", true, &e);
	if (!got)
		fail_msg("%s", e.msg);
	assert_string_equal(got, "<label for=\"child\">Child&#39;s name</label>"
				 "<div class=\"x\"><b>Child&#39;s name</b></div>");
	free(got);

	/* The body sees the caller's context, not the partial's parameters;
	 * a partial passes its JSON values on whole (lists stay lists). */
	const char *parts2[] = {"list=<ul>{{#items}}<li>{{.}}</li>{{/items}}</ul>{{$body}}", NULL};
	got = render_with("{{<list items=xs class=\"p\"}}{{class}}{{/list}}", parts2,
			  "{\"xs\":[\"a\",\"b\"],\"class\":\"caller\"}", true, &e);
	if (!got)
		fail_msg("%s", e.msg);
	assert_string_equal(got, "<ul><li>a</li><li>b</li></ul>caller");
	free(got);

	/* Parameters naming missing values are simply absent. */
	const char *parts3[] = {"hint={{#hint}}<p>{{hint.text}}</p>{{/hint}}end", NULL};
	got = render_with("{{>hint hint.text=nothing.here}}", parts3, "{}", true, &e);
	assert_non_null(got);
	assert_string_equal(got, "end");
	free(got);
}

static void test_strict_mode(void **state)
{
	(void)state;
	struct err e = {0};
	assert_null(render_with("<p>{{nmae}}</p>", NULL, "{\"name\":\"x\"}", true, &e));
	assert_non_null(strstr(e.msg, "nmae"));
	assert_non_null(strstr(e.msg, "line 1"));
	char *got = render_with("<p>{{nmae}}</p>", NULL, "{\"name\":\"x\"}", false, &e);
	assert_string_equal(got, "<p></p>");
	free(got);
	/* A list where text is expected is always an error. */
	assert_null(render_with("{{xs}}", NULL, "{\"xs\":[1]}", false, &e));
	/* So is a missing partial. */
	assert_null(render_with("{{>nowhere}}", NULL, "{}", false, &e));
	assert_non_null(strstr(e.msg, "nowhere"));
}

static void test_parse_errors_name_the_line(void **state)
{
	(void)state;
	struct err e = {0};
	assert_null(render_with("a\n{{#open}}\nb", NULL, "{}", false, &e));
	assert_non_null(strstr(e.msg, "never closed"));
	assert_null(render_with("a\n\n{{/x}}", NULL, "{}", false, &e));
	assert_non_null(strstr(e.msg, "line 3"));
	assert_null(render_with("{{#a}}{{/b}}", NULL, "{}", false, &e));
	assert_null(render_with("{{x", NULL, "{}", false, &e));
	assert_null(render_with("{{>p key}}", NULL, "{}", false, &e));
	assert_null(render_with("{{>p key=\"open}}", NULL, "{}", false, &e));
	assert_null(render_with("{{$other}}", NULL, "{}", false, &e));
	assert_null(render_with("{{bad name}}", NULL, "{}", false, &e));
	/* Comments vanish. */
	expect("a{{! a note }}b", "{}", "ab");
}

static void test_recursion_is_bounded(void **state)
{
	(void)state;
	const char *parts[] = {"loop={{>loop}}", NULL};
	struct err e = {0};
	assert_null(render_with("{{>loop}}", parts, "{}", false, &e));
	assert_non_null(strstr(e.msg, "deeply"));
}

static void test_embedded_templates_parse(void **state)
{
	(void)state;
	struct tpl_set *set = NULL;
	struct err e = {0};
	if (tpl_set_embedded(&set, &e) != 0)
		fail_msg("%s", e.msg);
	assert_true(tpl_exists(set, "layout"));
	assert_true(tpl_exists(set, "govuk/input"));
	assert_false(tpl_exists(set, "nothing"));
	tpl_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes_everything),
		cmocka_unit_test(test_no_unescaped_form),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_partials_with_parameters_and_body),
		cmocka_unit_test(test_strict_mode),
		cmocka_unit_test(test_parse_errors_name_the_line),
		cmocka_unit_test(test_recursion_is_bounded),
		cmocka_unit_test(test_embedded_templates_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
