/* tpl.c — parsing and rendering templates (tpl.h).
 *
 * A template is parsed into a tree of nodes once; rendering walks it with a
 * context chain kept on the C stack (each section or partial pushes one
 * frame pointing at its parent), so a partial's body can be rendered later
 * in the caller's context without copying anything.
 */
#include "tpl.h"
#include "../util/embedded.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum node_kind { N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_PARTIAL, N_SLOT };

struct param {
	char *key;     /* "label.text" */
	char *value;   /* a name, or the literal's text */
	bool literal;
};

struct node {
	enum node_kind kind;
	char *text;       /* N_TEXT: the text; N_VAR, sections: the name; N_PARTIAL: the template */
	size_t len;       /* N_TEXT */
	char *rhs;        /* sections "a==b": b */
	bool rhs_literal;
	struct node *kids; /* section body, or a partial's body */
	size_t nkids;
	bool has_body;    /* N_PARTIAL called with {{<…}}…{{/…}} */
	bool test_only;   /* sections "name?": rendered once, nothing pushed */
	struct param *params;
	size_t nparams;
	int line;
};

struct tpl {
	char *name;
	char *src;
	struct node *nodes;
	size_t n;
};

struct tpl_set {
	struct tpl *t;
	size_t n;
	bool strict;
};

/* ---------- parsing ---------- */

struct parser {
	const char *name;
	const char *s, *end;
	int line;
	struct err *e;
};

static void advance(struct parser *p, const char *to)
{
	for (const char *c = p->s; c < to; c++)
		if (*c == '\n')
			p->line++;
	p->s = to;
}

static int perr(struct parser *p, const char *what)
{
	return err_set(p->e, ERR_INTERNAL, NULL, "template %s, line %d: %s", p->name, p->line, what);
}

static char *dup_range(const char *a, const char *b)
{
	size_t n = (size_t)(b - a);
	char *s = xmalloc(n + 1);
	memcpy(s, a, n);
	s[n] = '\0';
	return s;
}

static void trim_range(const char **a, const char **b)
{
	while (*a < *b && (**a == ' ' || **a == '\t' || **a == '\n'))
		(*a)++;
	while (*b > *a && ((*b)[-1] == ' ' || (*b)[-1] == '\t' || (*b)[-1] == '\n'))
		(*b)--;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '.' || c == '-' || c == '/';
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!name_char(*s))
			return false;
	return true;
}

static void node_free(struct node *n);

static void nodes_free(struct node *nodes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		node_free(&nodes[i]);
	free(nodes);
}

static void node_free(struct node *n)
{
	free(n->text);
	free(n->rhs);
	nodes_free(n->kids, n->nkids);
	for (size_t i = 0; i < n->nparams; i++) {
		free(n->params[i].key);
		free(n->params[i].value);
	}
	free(n->params);
}

static struct node *push_node(struct node **nodes, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*nodes = xrealloc(*nodes, *cap * sizeof **nodes);
	}
	struct node *nd = &(*nodes)[(*n)++];
	memset(nd, 0, sizeof *nd);
	return nd;
}

/* "a==b" or "a==\"lit\"" into the section node. */
static int parse_section_name(struct parser *p, struct node *nd, const char *a, const char *b)
{
	const char *eq = NULL;
	for (const char *c = a; c + 1 < b; c++)
		if (c[0] == '=' && c[1] == '=') {
			eq = c;
			break;
		}
	const char *na = a, *nb = eq ? eq : b;
	trim_range(&na, &nb);
	/* "list?": whether it has anything, without repeating for each element. */
	if (!eq && nb > na && nb[-1] == '?') {
		nd->test_only = true;
		nb--;
	}
	nd->text = dup_range(na, nb);
	if (!valid_name(nd->text))
		return perr(p, "a section needs a name");
	if (!eq)
		return 0;
	const char *ra = eq + 2, *rb = b;
	trim_range(&ra, &rb);
	if (rb - ra >= 2 && *ra == '"' && rb[-1] == '"') {
		nd->rhs = dup_range(ra + 1, rb - 1);
		nd->rhs_literal = true;
		return 0;
	}
	nd->rhs = dup_range(ra, rb);
	if (!valid_name(nd->rhs))
		return perr(p, "a comparison needs a name or a \"literal\" after ==");
	return 0;
}

/* "name k=v k2=\"lit\"" into the partial node. */
static int parse_partial(struct parser *p, struct node *nd, const char *a, const char *b)
{
	const char *c = a;
	while (c < b && name_char(*c))
		c++;
	nd->text = dup_range(a, c);
	if (!valid_name(nd->text))
		return perr(p, "a partial needs a name");
	size_t cap = 0;
	for (;;) {
		while (c < b && (*c == ' ' || *c == '\t' || *c == '\n'))
			c++;
		if (c == b)
			return 0;
		const char *k = c;
		while (c < b && name_char(*c))
			c++;
		if (c == k || c == b || *c != '=')
			return perr(p, "a partial's parameters are written key=name or key=\"text\"");
		if (nd->nparams == cap) {
			cap = cap ? cap * 2 : 4;
			nd->params = xrealloc(nd->params, cap * sizeof *nd->params);
		}
		struct param *pm = &nd->params[nd->nparams++];
		pm->key = dup_range(k, c);
		pm->value = NULL;
		c++;
		if (c < b && *c == '"') {
			const char *v = ++c;
			while (c < b && *c != '"')
				c++;
			if (c == b)
				return perr(p, "a parameter's text has no closing quote");
			pm->value = dup_range(v, c);
			pm->literal = true;
			c++;
		} else {
			const char *v = c;
			while (c < b && name_char(*c))
				c++;
			pm->value = dup_range(v, c);
			pm->literal = false;
			if (!valid_name(pm->value))
				return perr(p, "a parameter needs a name or a \"text\"");
		}
	}
}

/* Parses nodes until {{/closing}} (or the end when closing is NULL). */
static int parse_nodes(struct parser *p, const char *closing, struct node **out, size_t *nout)
{
	struct node *nodes = NULL;
	size_t n = 0, cap = 0;
	int start_line = p->line;
	for (;;) {
		const char *open = strstr(p->s, "{{");
		if (!open || open >= p->end)
			open = p->end;
		if (open > p->s) {
			struct node *nd = push_node(&nodes, &n, &cap);
			nd->kind = N_TEXT;
			nd->text = dup_range(p->s, open);
			nd->len = (size_t)(open - p->s);
			nd->line = p->line;
			advance(p, open);
		}
		if (open == p->end) {
			if (closing) {
				char msg[160];
				snprintf(msg, sizeof msg, "{{#%s}} opened on line %d is never closed", closing,
					 start_line);
				perr(p, msg);
				goto fail;
			}
			break;
		}
		const char *close = strstr(open + 2, "}}");
		if (!close || close >= p->end) {
			perr(p, "a tag is not closed with }}");
			goto fail;
		}
		const char *a = open + 2, *b = close;
		trim_range(&a, &b);
		char sigil = a < b ? *a : '\0';
		if (strchr("#^/><$!", sigil) && sigil) {
			a++;
			trim_range(&a, &b);
		} else {
			sigil = '\0';
		}
		int line = p->line;
		advance(p, close + 2);
		if (sigil == '!')
			continue;
		if (sigil == '/') {
			char *name = dup_range(a, b);
			bool ok = closing && strcmp(name, closing) == 0;
			free(name);
			if (!ok) {
				perr(p, closing ? "a closing tag does not match the section it closes"
						: "a closing tag has no section to close");
				goto fail;
			}
			*out = nodes;
			*nout = n;
			return 0;
		}
		if (b > a && *a == '{') {
			perr(p, "there is no unescaped {{{…}}}: every value is escaped");
			goto fail;
		}
		struct node *nd = push_node(&nodes, &n, &cap);
		nd->line = line;
		switch (sigil) {
		case '\0':
			nd->kind = N_VAR;
			nd->text = dup_range(a, b);
			if (!valid_name(nd->text)) {
				perr(p, "a tag needs a name");
				goto fail;
			}
			break;
		case '#':
		case '^': {
			nd->kind = sigil == '#' ? N_SECTION : N_INVERTED;
			if (parse_section_name(p, nd, a, b) != 0)
				goto fail;
			/* The closing tag repeats the opening one ("{{/a==b}}"). */
			char *raw = dup_range(a, b);
			int rc = parse_nodes(p, raw, &nd->kids, &nd->nkids);
			free(raw);
			if (rc != 0)
				goto fail;
			break;
		}
		case '>':
		case '<':
			nd->kind = N_PARTIAL;
			if (parse_partial(p, nd, a, b) != 0)
				goto fail;
			if (sigil == '<') {
				nd->has_body = true;
				if (parse_nodes(p, nd->text, &nd->kids, &nd->nkids) != 0)
					goto fail;
			}
			break;
		case '$': {
			char *name = dup_range(a, b);
			bool ok = strcmp(name, "body") == 0;
			free(name);
			if (!ok) {
				perr(p, "the only slot is {{$body}}");
				goto fail;
			}
			nd->kind = N_SLOT;
			break;
		}
		}
	}
	*out = nodes;
	*nout = n;
	return 0;
fail:
	nodes_free(nodes, n);
	return -1;
}

static int cmp_tpl(const void *a, const void *b)
{
	return strcmp(((const struct tpl *)a)->name, ((const struct tpl *)b)->name);
}

int tpl_set_parse(struct tpl_set **out, const struct tpl_source *src, size_t n, struct err *e)
{
	struct tpl_set *set = xcalloc(1, sizeof *set);
	set->t = xcalloc(n ? n : 1, sizeof *set->t);
	for (size_t i = 0; i < n; i++) {
		struct tpl *t = &set->t[set->n++];
		t->name = xstrdup(src[i].name);
		t->src = xstrdup(src[i].text);
		struct parser p = {t->name, t->src, t->src + strlen(t->src), 1, e};
		if (parse_nodes(&p, NULL, &t->nodes, &t->n) != 0) {
			tpl_set_free(set);
			return -1;
		}
	}
	qsort(set->t, set->n, sizeof *set->t, cmp_tpl);
	for (size_t i = 1; i < set->n; i++)
		if (strcmp(set->t[i - 1].name, set->t[i].name) == 0) {
			err_set(e, ERR_INTERNAL, NULL, "template %s is defined twice", set->t[i].name);
			tpl_set_free(set);
			return -1;
		}
	*out = set;
	return 0;
}

int tpl_set_embedded(struct tpl_set **out, struct err *e)
{
	static const char prefix[] = "templates/", suffix[] = ".html";
	struct tpl_source *src = xcalloc(embedded_count ? embedded_count : 1, sizeof *src);
	char **names = xcalloc(embedded_count ? embedded_count : 1, sizeof *names);
	size_t n = 0;
	for (size_t i = 0; i < embedded_count; i++) {
		const char *f = embedded_files[i].name;
		size_t len = strlen(f);
		if (strncmp(f, prefix, sizeof prefix - 1) != 0 || len < sizeof prefix + sizeof suffix - 2 ||
		    strcmp(f + len - (sizeof suffix - 1), suffix) != 0)
			continue;
		names[n] = dup_range(f + sizeof prefix - 1, f + len - (sizeof suffix - 1));
		src[n] = (struct tpl_source){names[n], embedded_files[i].data};
		n++;
	}
	int rc = tpl_set_parse(out, src, n, e);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(src);
	return rc;
}

void tpl_set_free(struct tpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free(set->t[i].name);
		free(set->t[i].src);
		nodes_free(set->t[i].nodes, set->t[i].n);
	}
	free(set->t);
	free(set);
}

void tpl_set_strict(struct tpl_set *set, bool strict) { set->strict = strict; }

static const struct tpl *find(const struct tpl_set *set, const char *name)
{
	struct tpl key = {.name = (char *)name};
	return bsearch(&key, set->t, set->n, sizeof *set->t, cmp_tpl);
}

bool tpl_exists(const struct tpl_set *set, const char *name) { return find(set, name) != NULL; }

/* ---------- rendering ---------- */

struct ctx {
	const json_t *v;
	const struct ctx *up;
};

struct slot {
	const struct node *kids;
	size_t nkids;
	const struct ctx *ctx;
	const struct slot *up;
};

struct render {
	const struct tpl_set *set;
	const struct tpl *tpl; /* for messages */
	struct buf *out;
	struct err *e;
	int depth;
};

/* Resolves a dotted name; *found false when some segment is missing. */
static const json_t *resolve(const struct ctx *c, const char *name, bool *found)
{
	*found = true;
	if (strcmp(name, ".") == 0)
		return c ? c->v : NULL;
	const char *dot = strchr(name, '.');
	size_t first = dot ? (size_t)(dot - name) : strlen(name);
	char key[128];
	if (first >= sizeof key) {
		*found = false;
		return NULL;
	}
	memcpy(key, name, first);
	key[first] = '\0';
	const json_t *v = NULL;
	for (; c; c = c->up)
		if (json_is_object(c->v) && (v = json_object_get(c->v, key)) != NULL)
			break;
	if (!v) {
		*found = false;
		return NULL;
	}
	while (dot) {
		const char *seg = dot + 1;
		dot = strchr(seg, '.');
		size_t len = dot ? (size_t)(dot - seg) : strlen(seg);
		if (len >= sizeof key || !json_is_object(v)) {
			*found = json_is_null(v);
			return NULL;
		}
		memcpy(key, seg, len);
		key[len] = '\0';
		v = json_object_get(v, key);
		if (!v) {
			*found = false;
			return NULL;
		}
	}
	return v;
}

void tpl_escape(struct buf *out, const char *s, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(out, s + from, i - from);
		buf_puts(out, rep);
		from = i + 1;
	}
	buf_append(out, s + from, n - from);
}

/* The text of a scalar; false for objects, arrays and null. */
static bool scalar_text(const json_t *v, char *tmp, size_t tmpn, const char **s, size_t *n)
{
	if (json_is_string(v)) {
		*s = json_string_value(v);
		*n = json_string_length(v);
		return true;
	}
	if (json_is_integer(v))
		snprintf(tmp, tmpn, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(tmp, tmpn, "%g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(tmp, tmpn, "%s", json_is_true(v) ? "true" : "false");
	else
		return false;
	*s = tmp;
	*n = strlen(tmp);
	return true;
}

static bool truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return false;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	return true;
}

/* "what" names the problem; the %s in it is replaced by arg. */
static int rerr(struct render *r, const struct node *nd, const char *what_fmt, const char *arg)
{
	char what[300];
	const char *hole = strstr(what_fmt, "%s");
	if (hole)
		snprintf(what, sizeof what, "%.*s%s%s", (int)(hole - what_fmt), what_fmt, arg, hole + 2);
	else
		snprintf(what, sizeof what, "%s", what_fmt);
	return err_set(r->e, ERR_INTERNAL, NULL, "template %s, line %d: %s", r->tpl->name, nd->line, what);
}

static int render_nodes(struct render *r, const struct node *nodes, size_t n, const struct ctx *c,
			const struct slot *slot);

static bool equal_text(const json_t *a, const char *b_lit, const json_t *b)
{
	char ta[64], tb[64];
	const char *sa, *sb;
	size_t na, nb;
	if (!a || !scalar_text(a, ta, sizeof ta, &sa, &na))
		return false;
	if (b_lit) {
		sb = b_lit;
		nb = strlen(b_lit);
	} else if (!b || !scalar_text(b, tb, sizeof tb, &sb, &nb)) {
		return false;
	}
	return na == nb && memcmp(sa, sb, na) == 0;
}

/* Sets obj[path] = v (a dotted path; intermediate objects made). Steals v. */
static void set_path(json_t *obj, const char *path, json_t *v)
{
	const char *dot;
	char key[128];
	while ((dot = strchr(path, '.')) != NULL) {
		size_t len = (size_t)(dot - path);
		if (len >= sizeof key)
			len = sizeof key - 1;
		memcpy(key, path, len);
		key[len] = '\0';
		/* Copied before it is written into: the object may be a
		 * caller's value passed by another parameter. */
		json_t *next = json_object_get(obj, key);
		next = json_is_object(next) ? json_copy(next) : json_object();
		json_object_set_new(obj, key, next);
		obj = next;
		path = dot + 1;
	}
	json_object_set_new(obj, path, v);
}

static int render_partial(struct render *r, const struct node *nd, const struct ctx *c,
			  const struct slot *slot)
{
	const struct tpl *t = find(r->set, nd->text);
	if (!t)
		return rerr(r, nd, "there is no template %s", nd->text);
	if (r->depth >= 32)
		return rerr(r, nd, "partials nest too deeply (at %s)", nd->text);
	json_t *params = NULL;
	struct ctx frame = {NULL, c};
	if (nd->nparams) {
		params = json_object();
		for (size_t i = 0; i < nd->nparams; i++) {
			const struct param *pm = &nd->params[i];
			if (pm->literal) {
				set_path(params, pm->key, json_string(pm->value));
				continue;
			}
			/* A parameter naming nothing is null, so the partial
			 * can test it; a dotted one is left out, so {{#hint}}
			 * stays false when hint.text has no value. */
			bool found;
			const json_t *v = resolve(c, pm->value, &found);
			if (v)
				set_path(params, pm->key, json_incref((json_t *)v));
			else if (!strchr(pm->key, '.'))
				set_path(params, pm->key, json_null());
		}
		frame.v = params;
	}
	struct slot body = {nd->kids, nd->nkids, c, slot};
	const struct tpl *saved = r->tpl;
	r->tpl = t;
	r->depth++;
	int rc = render_nodes(r, t->nodes, t->n, params ? &frame : c, nd->has_body ? &body : NULL);
	r->depth--;
	r->tpl = saved;
	json_decref(params);
	return rc;
}

static int render_nodes(struct render *r, const struct node *nodes, size_t n, const struct ctx *c,
			const struct slot *slot)
{
	for (size_t i = 0; i < n; i++) {
		const struct node *nd = &nodes[i];
		switch (nd->kind) {
		case N_TEXT:
			buf_append(r->out, nd->text, nd->len);
			break;
		case N_VAR: {
			bool found;
			const json_t *v = resolve(c, nd->text, &found);
			if (!found && r->set->strict)
				return rerr(r, nd, "{{%s}} has no value", nd->text);
			char tmp[64];
			const char *s;
			size_t len;
			if (v && !json_is_null(v)) {
				if (!scalar_text(v, tmp, sizeof tmp, &s, &len))
					return rerr(r, nd, "{{%s}} is a list or an object, not text", nd->text);
				tpl_escape(r->out, s, len);
			}
			break;
		}
		case N_SECTION:
		case N_INVERTED: {
			bool found, on;
			const json_t *v = resolve(c, nd->text, &found);
			if (nd->rhs) {
				const json_t *b = nd->rhs_literal ? NULL : resolve(c, nd->rhs, &found);
				on = equal_text(v, nd->rhs_literal ? nd->rhs : NULL, b);
				if (nd->kind == N_INVERTED)
					on = !on;
				if (on && render_nodes(r, nd->kids, nd->nkids, c, slot) != 0)
					return -1;
				break;
			}
			on = truthy(v);
			if (nd->kind == N_INVERTED) {
				if (!on && render_nodes(r, nd->kids, nd->nkids, c, slot) != 0)
					return -1;
				break;
			}
			if (!on)
				break;
			if (nd->test_only) {
				if (render_nodes(r, nd->kids, nd->nkids, c, slot) != 0)
					return -1;
			} else if (json_is_array(v)) {
				size_t k;
				const json_t *el;
				json_array_foreach(v, k, el) {
					struct ctx f = {el, c};
					if (render_nodes(r, nd->kids, nd->nkids, &f, slot) != 0)
						return -1;
				}
			} else {
				struct ctx f = {v, c};
				if (render_nodes(r, nd->kids, nd->nkids, &f, slot) != 0)
					return -1;
			}
			break;
		}
		case N_PARTIAL:
			if (render_partial(r, nd, c, slot) != 0)
				return -1;
			break;
		case N_SLOT:
			if (slot && render_nodes(r, slot->kids, slot->nkids, slot->ctx, slot->up) != 0)
				return -1;
			break;
		}
	}
	return 0;
}

int tpl_render(const struct tpl_set *set, const char *name, const json_t *ctx, struct buf *out,
	       struct err *e)
{
	const struct tpl *t = find(set, name);
	if (!t)
		return err_set(e, ERR_INTERNAL, NULL, "there is no template %s", name);
	struct render r = {set, t, out, e, 0};
	struct ctx root = {ctx, NULL};
	return render_nodes(&r, t->nodes, t->n, &root, NULL);
}
