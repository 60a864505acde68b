/* demo_copies.c — many realistic cases, fast (demo_copies.h).
 *
 * Taking 100,000 families through every request, as the demo does for its
 * forty, would take over an hour. Instead each of those forty stories, which
 * obeyed every rule on the way, is copied: every row of the case (people,
 * network, meetings, plans, timeline, audit records) with new ids, names and
 * reference, and every date moved back by the same number of days, so the
 * story stays true to itself and to the clocks. The audit copies are chained
 * onto the trail like any other record, so `hearth audit verify` still holds.
 */
#include "demo_copies.h"
#include "../domain/datetime.h"
#include "../store/case_store.h"
#include "../store/copy_store.h"
#include "../store/user_store.h"
#include "../util/buf.h"
#include "../util/ids.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_MS 86400000ull
/* Copies per transaction: big enough that commits cost nothing, small
 * enough that memory stays flat. */
enum { BATCH = 500, CASES_PER_TEAM = 500, CURRENT_ONE_IN = 20, MAX_SWAPS = 48 };
/* The first day every nation's bank-holiday calendar covers, with room for
 * a story's four months. */
#define FIRST_DAY "2018-06-01"

static const char *const female[] = {
	"Amelia", "Olivia", "Isla", "Ava", "Mia", "Freya", "Aisha", "Zainab", "Maryam", "Siobhán",
	"Niamh", "Zofia", "Oksana", "Ioana", "Priya", "Chloe", "Grace", "Ruby", "Ffion", "Leah",
	"Amara", "Chiamaka", "Mei", "Yasmin", "Bethany", "Kayleigh", "Nadia", "Eilidh", "Lucía", "Hanna"};
static const char *const male[] = {
	"Oliver", "Noah", "Jack", "Harry", "Leo", "Muhammad", "Omar", "Yusuf", "Dafydd", "Callum",
	"Declan", "Piotr", "Łukasz", "Andrei", "Arjun", "Kwame", "Kofi", "Jayden", "Liam", "Tomás",
	"Mehmet", "Chen", "Rhys", "Ethan", "Kai", "Dylan", "Ibrahim", "Mateusz", "Finlay", "Reuben"};
static const char *const surnames[] = {
	"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "Roberts", "Walker",
	"Khan", "Ahmed", "Hussain", "Begum", "Ali", "Patel", "Sharma", "Kowalski", "Nowak", "Wiśniewska",
	"O'Brien", "Murphy", "Kelly", "MacDonald", "Campbell", "Okafor", "Mensah", "Owusu", "Popescu",
	"Ionescu", "Shevchenko", "Yılmaz", "García", "López", "Cohen", "Levy", "Nguyen", "Li", "Wang",
	"Hughes", "Morgan", "Griffiths", "Davies", "Lewis", "Clarke", "Robinson", "Wright", "Hall"};
static const char *const places[] = {
	"Blackpool", "Fylde", "Wyre", "Preston", "Chorley", "Lancaster", "Burnley", "Pendle", "Hyndburn",
	"Rossendale", "Ribble Valley", "West Lancashire", "Blackburn", "Darwen", "Morecambe", "Carnforth"};
#define COUNT(a) (sizeof(a) / sizeof(a)[0])

struct team {
	char id[33], manager[33], coordinators[3][33], referrers[2][33];
	char referrer_names[2][96];
};

struct swap {
	const char *from;
	char to[200];
};

struct tpl {
	struct case_template rows;
	bool ended;            /* closed or not accepted: a story that can be years old */
	char **ids;            /* every row's id, sorted */
	size_t nids;
	int32_t created_day;   /* the case's creation, as a day number */
};

/* One copy being made: what its cells become. */
struct copy {
	const struct tpl *tpl;
	char (*ids)[33];       /* parallel to tpl->ids */
	int32_t shift;         /* days moved back */
	const struct demo_staff *staff;
	const struct team *team;
	char reference[32];
	struct swap swaps[MAX_SWAPS];
	int nswaps;
};

static bool is_hex32(const char *v)
{
	for (int i = 0; i < 32; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f')))
			return false;
	return v[32] == '\0';
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The demo's staff member `v` in the copy's team, or NULL. */
static const char *staff_of(const struct copy *c, const char *v)
{
	const struct demo_staff *s = c->staff;
	for (int i = 0; i < 2; i++) {
		if (!strcmp(v, s->teams[i]))
			return c->team->id;
		if (!strcmp(v, s->team_managers[i]))
			return c->team->manager;
		if (!strcmp(v, s->referrers[i]))
			return c->team->referrers[i];
	}
	for (int i = 0; i < 3; i++)
		if (!strcmp(v, s->coordinators[i]))
			return c->team->coordinators[i];
	return NULL;
}

/* "YYYY-MM-DD…" with the date moved back; the time of day is kept, so a
 * UTC timestamp moves by whole days exactly. */
static const char *shift_date(const struct copy *c, const char *v, char *scratch, size_t n)
{
	char day_s[11];
	memcpy(day_s, v, 10);
	day_s[10] = '\0';
	int32_t day;
	if (dt_parse_date(day_s, &day) != 0)
		return v;
	dt_format_date(day - c->shift, day_s);
	snprintf(scratch, n, "%s%s", day_s, v + 10);
	return scratch;
}

static const char *copy_cell(void *ctx, enum copy_table t, const char *column, const char *v,
			     char *scratch, size_t n)
{
	const struct copy *c = ctx;
	if (!v)
		return NULL;
	size_t len = strlen(v);
	if (len == 32 && is_hex32(v)) {
		char **hit = bsearch(&v, c->tpl->ids, c->tpl->nids, sizeof *c->tpl->ids, cmp_str);
		if (hit)
			return c->ids[hit - c->tpl->ids];
		const char *who = staff_of(c, v);
		return who ? who : v;
	}
	if (t == CT_CASES && !strcmp(column, "reference"))
		return c->reference;
	if (len >= 10 && v[4] == '-' && v[7] == '-' && (len == 10 || v[10] == 'T'))
		return shift_date(c, v, scratch, n);
	for (int i = 0; i < c->nswaps; i++)
		if (!strcmp(v, c->swaps[i].from))
			return c->swaps[i].to;
	return v;
}

static int load_template(struct db *db, const char *case_id, struct tpl *t, struct err *e)
{
	memset(t, 0, sizeof *t);
	if (case_template_load(db, case_id, &t->rows, e) != 0)
		return -1;
	const struct db_result *cs = t->rows.rows[CT_CASES];
	const char *stage = db_get(cs, 0, "stage");
	t->ended = !strcmp(stage, "closed") || !strcmp(stage, "not_accepted");
	char day[11];
	snprintf(day, sizeof day, "%.10s", db_get(cs, 0, "created_at"));
	if (dt_parse_date(day, &t->created_day) != 0)
		return err_set(e, ERR_INTERNAL, NULL, "case %s has no creation date", case_id);
	for (int k = 0; k < CT_COUNT; k++) {
		if (k == CT_AUDIT)
			continue;
		const struct db_result *r = t->rows.rows[k];
		for (int row = 0; row < db_nrows(r); row++) {
			t->ids = xrealloc(t->ids, (t->nids + 1) * sizeof *t->ids);
			t->ids[t->nids++] = xstrdup(db_get(r, row, "id"));
		}
	}
	qsort(t->ids, t->nids, sizeof *t->ids, cmp_str);
	return 0;
}

static void free_template(struct tpl *t)
{
	case_template_free(&t->rows);
	for (size_t i = 0; i < t->nids; i++)
		free(t->ids[i]);
	free(t->ids);
}

/* A deterministic spread: copy k's choice among `n`. */
static size_t pick(uint64_t k, uint64_t salt, size_t n)
{
	uint64_t x = (k + 1) * 0x9E3779B97F4A7C15ull ^ salt * 0xBF58476D1CE4E5B9ull;
	x ^= x >> 31;
	x *= 0x94D049BB133111EBull;
	x ^= x >> 29;
	return (size_t)(x % n);
}

static void add_swap(struct copy *c, const char *from, const char *to)
{
	if (!from || c->nswaps == MAX_SWAPS)
		return;
	struct swap *s = &c->swaps[c->nswaps++];
	s->from = from;
	snprintf(s->to, sizeof s->to, "%s", to);
}

/* New names for everyone on the copy: the family shares a surname; a
 * "Mrs Bennett" or "Ms Clarke" stays a title with someone else's surname. */
static void rename_people(struct copy *c, uint64_t k)
{
	const struct db_result *people = c->tpl->rows.rows[CT_PEOPLE];
	const char *family = surnames[pick(k, 1, COUNT(surnames))];
	for (int row = 0; row < db_nrows(people); row++) {
		const char *old = db_get(people, row, "name");
		const char *gender = db_get(people, row, "gender");
		bool is_male = gender && !strcmp(gender, "male");
		char name[200], folded[200];
		if (!strncmp(old, "Mrs ", 4) || !strncmp(old, "Ms ", 3) || !strncmp(old, "Mr ", 3))
			snprintf(name, sizeof name, "%.*s%s", (int)(strchr(old, ' ') - old + 1), old,
				 surnames[pick(k, 100 + (uint64_t)row, COUNT(surnames))]);
		else
			snprintf(name, sizeof name, "%s %s",
				 is_male ? male[pick(k, 10 + (uint64_t)row, COUNT(male))]
					 : female[pick(k, 10 + (uint64_t)row, COUNT(female))],
				 family);
		add_swap(c, old, name);
		case_fold(name, folded, sizeof folded);
		add_swap(c, db_get(people, row, "name_folded"), folded);
	}
	/* The case's own copy of the child's name, folded the way the case list
	 * folds it. */
	const struct db_result *cs = c->tpl->rows.rows[CT_CASES];
	const char *child = db_get(cs, 0, "child_name");
	for (int i = 0; i < c->nswaps; i++)
		if (!strcmp(c->swaps[i].from, child)) {
			char folded[200];
			case_fold(c->swaps[i].to, folded, sizeof folded);
			add_swap(c, db_get(cs, 0, "child_name_folded"), folded);
			break;
		}
	for (int i = 0; i < 2; i++)
		add_swap(c, c->staff->referrer_names[i], c->team->referrer_names[i]);
}

/* Every row of the copy gets a new id, made (like ids_new's) from the time
 * it stands for, so lists still sort in the order things happened. */
static void new_ids(struct copy *c)
{
	uint64_t back = (uint64_t)c->shift * DAY_MS << 16;
	for (size_t i = 0; i < c->tpl->nids; i++) {
		char head[17];
		memcpy(head, c->tpl->ids[i], 16);
		head[16] = '\0';
		uint64_t prefix = strtoull(head, NULL, 16);
		prefix = prefix > back ? prefix - back : 0;
		snprintf(c->ids[i], 17, "%016" PRIx64, prefix);
		ids_random_hex(c->ids[i] + 16, 8);
	}
}

static int add_teams(struct db *db, struct team *teams, size_t n, const char *hash, int64_t at,
		     struct err *e)
{
	char now[21];
	dt_format_utc(at, now);
	for (size_t t = 0; t < n; t++) {
		struct team *tm = &teams[t];
		char name[96], person[96], email[128];
		snprintf(name, sizeof name, "%s %zu", places[t % COUNT(places)], t / COUNT(places) + 1);
		if (team_insert(db, name, now, tm->id, e) != 0)
			return -1;
		struct {
			const char *role;
			char *id;
		} staff[] = {{"team_manager", tm->manager}, {"coordinator", tm->coordinators[0]},
			     {"coordinator", tm->coordinators[1]}, {"coordinator", tm->coordinators[2]},
			     {"referrer", tm->referrers[0]}, {"referrer", tm->referrers[1]}};
		for (size_t s = 0; s < COUNT(staff); s++) {
			bool is_male = pick(t, 200 + s, 2);
			snprintf(person, sizeof person, "%s %s",
				 is_male ? male[pick(t, 300 + s, COUNT(male))] : female[pick(t, 300 + s, COUNT(female))],
				 surnames[pick(t, 400 + s, COUNT(surnames))]);
			snprintf(email, sizeof email, "%s.%zu.team%zu@example.org", staff[s].role, s, t + 1);
			bool referrer = !strcmp(staff[s].role, "referrer");
			if (user_insert(db, person, email, staff[s].role, referrer ? NULL : tm->id, hash, now,
					staff[s].id, e) != 0)
				return -1;
			if (referrer)
				snprintf(tm->referrer_names[s - 4], sizeof tm->referrer_names[0], "%s", person);
		}
	}
	return 0;
}

int demo_copies(struct db *db, const struct demo_staff *staff, const char *password_hash,
		long total, int64_t now, struct err *e)
{
	struct db_result *ids;
	if (copy_bulk_settings(db, e) != 0 || copy_case_ids(db, &ids, e) != 0)
		return -1;
	size_t ntpl = (size_t)db_nrows(ids), nended = 0;
	long copies = total - (long)ntpl;
	if (copies <= 0 || ntpl == 0) {
		db_result_free(ids);
		return 0;
	}
	struct tpl *tpls = xcalloc(ntpl, sizeof *tpls);
	size_t *ended = xcalloc(ntpl, sizeof *ended), maxids = 0;
	int rc = 0;
	for (size_t i = 0; i < ntpl && rc == 0; i++) {
		rc = load_template(db, db_cell(ids, (int)i, 0), &tpls[i], e);
		if (rc == 0 && tpls[i].ended)
			ended[nended++] = i;
		if (rc == 0 && tpls[i].nids > maxids)
			maxids = tpls[i].nids;
	}
	db_result_free(ids);
	int32_t first_day;
	dt_parse_date(FIRST_DAY, &first_day);
	size_t nteams = (size_t)(copies + CASES_PER_TEAM - 1) / CASES_PER_TEAM;
	struct team *teams = xcalloc(nteams, sizeof *teams);
	if (rc == 0 && nended == 0)
		rc = err_set(e, ERR_INTERNAL, NULL, "the demo has no finished case to copy");
	if (rc == 0 && db_begin(db, e) == 0) {
		rc = add_teams(db, teams, nteams, password_hash, now, e);
		rc = rc == 0 ? db_commit(db, e) : (db_rollback(db), -1);
	} else {
		rc = -1;
	}
	/* The plan first: which story each copy retells and how far back, so
	 * each year's references are taken in one go (one counter update, not
	 * one per case). Oldest first, the current ones last, so every table
	 * and index grows at its end, as it would have over the years. */
	struct planned {
		uint32_t tpl;
		int32_t shift;
	} *plan = xcalloc((size_t)copies, sizeof *plan);
	long ncurrent = copies / CURRENT_ONE_IN, nhistoric = copies - ncurrent;
	int32_t last_day = tpls[ended[0]].created_day - 30;
	enum { FIRST_YEAR = 2000, YEARS = 100 };
	long per_year[YEARS] = {0}, next_number[YEARS] = {0};
	for (long k = 0; k < copies; k++) {
		struct planned *pl = &plan[k];
		if (k < nhistoric) {
			pl->tpl = (uint32_t)ended[pick((uint64_t)k, 2, nended)];
			int32_t day = first_day + (int32_t)((int64_t)(last_day - first_day) * k / nhistoric);
			pl->shift = tpls[pl->tpl].created_day - day;
			if (pl->shift < 30)
				pl->shift = 30;
		} else {
			pl->tpl = (uint32_t)pick((uint64_t)k, 2, ntpl);
			pl->shift = (int32_t)pick((uint64_t)k, 3, 15);
		}
		int y, m, d;
		dt_civil_from_days(tpls[pl->tpl].created_day - pl->shift, &y, &m, &d);
		if (y < FIRST_YEAR || y >= FIRST_YEAR + YEARS) {
			rc = err_set(e, ERR_INTERNAL, NULL, "a copy would be dated %d", y);
			break;
		}
		per_year[y - FIRST_YEAR]++;
	}
	if (rc == 0 && db_begin(db, e) == 0) {
		for (int y = 0; y < YEARS && rc == 0; y++)
			if (per_year[y])
				rc = case_reserve_references(db, FIRST_YEAR + y, per_year[y], &next_number[y], e);
		rc = rc == 0 ? db_commit(db, e) : (db_rollback(db), -1);
	} else {
		rc = -1;
	}
	struct copier *cp = copier_new(db);
	struct copy c = {.staff = staff, .ids = xcalloc(maxids ? maxids : 1, sizeof *c.ids)};
	/* What each copy of a batch is found by, written once its case is in. */
	struct found {
		char id[33], name[200], reference[32];
	} *found = xcalloc(BATCH, sizeof *found);
	for (long k = 0; k < copies && rc == 0; k++) {
		if (k % BATCH == 0 && db_begin(db, e) != 0) {
			rc = -1;
			break;
		}
		c.tpl = &tpls[plan[k].tpl];
		c.shift = plan[k].shift;
		c.team = &teams[(size_t)k % nteams];
		c.nswaps = 0;
		new_ids(&c);
		rename_people(&c, (uint64_t)k);
		int y, m, d;
		dt_civil_from_days(c.tpl->created_day - c.shift, &y, &m, &d);
		case_format_reference(y, next_number[y - FIRST_YEAR]++, c.reference, sizeof c.reference);
		rc = copier_add(cp, &c.tpl->rows, copy_cell, &c, e);
		struct found *f = &found[k % BATCH];
		const struct db_result *cs = c.tpl->rows.rows[CT_CASES];
		char scratch[200];
		snprintf(f->id, sizeof f->id, "%s",
			 copy_cell(&c, CT_CASES, "id", db_get(cs, 0, "id"), scratch, sizeof scratch));
		snprintf(f->name, sizeof f->name, "%s",
			 copy_cell(&c, CT_CASES, "child_name_folded", db_get(cs, 0, "child_name_folded"), scratch,
				   sizeof scratch));
		snprintf(f->reference, sizeof f->reference, "%s", c.reference);
		if (rc == 0 && (k % BATCH == BATCH - 1 || k == copies - 1)) {
			rc = copier_flush(cp, e);
			for (long j = 0; rc == 0 && j <= k % BATCH; j++)
				rc = case_terms_write(db, found[j].id, found[j].name, found[j].reference, e);
			rc = rc == 0 ? db_commit(db, e) : (db_rollback(db), -1);
			if (rc == 0 && (k + 1) % 10000 == 0)
				fprintf(stderr, "hearth demo: %ld of %ld cases\n", k + 1 + (long)ntpl, total);
		}
	}
	free(plan);
	free(found);
	if (rc != 0)
		db_rollback(db);
	if (rc == 0)
		rc = copy_analyze(db, e);
	copier_free(cp);
	free(c.ids);
	for (size_t i = 0; i < ntpl; i++)
		free_template(&tpls[i]);
	free(tpls);
	free(ended);
	free(teams);
	return rc;
}
