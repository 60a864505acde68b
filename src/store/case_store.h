/* case_store.h — SQL for the case itself (the cases table): creating,
 * reading, listing, and the per-stage columns it holds. The records a case
 * has many of (people, consents, meetings, plans...) have their own files. */
#ifndef HEARTH_CASE_STORE_H
#define HEARTH_CASE_STORE_H

#include <jansson.h>
#include "db.h"
#include "../domain/clocks.h"
#include "../domain/stages.h"

/* "FTM-2026-0042": the year's next number, taken inside the caller's transaction. */
int case_next_reference(struct db *db, int year, char *out, size_t n, struct err *e);
/* Takes `count` numbers of the year at once (many copies): *first is the
 * first of them. */
int case_reserve_references(struct db *db, int year, long count, long *first, struct err *e);
void case_format_reference(int year, long number, char *out, size_t n);

/* A case's search terms (domain/search.h), kept in step with its child's
 * name and reference: written from those two, read again from the case,
 * for every case whose child is `person_id`, and for every case that has
 * none yet (after migration 009, by `hearth migrate`; *done says how many). */
int case_terms_write(struct db *db, const char *case_id, const char *name_folded, const char *reference,
		     struct err *e);
int case_terms_refresh(struct db *db, const char *case_id, struct err *e);
int case_terms_refresh_child(struct db *db, const char *person_id, struct err *e);
int case_terms_backfill(struct db *db, long *done, struct err *e);
/* Inserts a case from the checked booking fields of `in`, owned by a team
 * (NULL: none yet) and booked by a referrer user (NULL: booked by staff). */
int case_insert(struct db *db, const char *id, const char *reference, const char *now,
		const char *consultation_at, const json_t *in, const char *team_id,
		const char *referrer_user_id, struct err *e);
/* The case's own columns, grouped into sections (see case_view.c); *out is
 * NULL when there is no such case. */
int case_get(struct db *db, const char *id, json_t **out, struct err *e);
/* Takes the case's row lock for the rest of the transaction, so two changes
 * to one case run one after the other (PostgreSQL; SQLite's write
 * transactions already exclude each other). ERR_NOT_FOUND when absent. */
int case_lock(struct db *db, const char *id, struct err *e);
/* Everything the state machine and the clocks need. ERR_NOT_FOUND when absent. */
int case_facts(struct db *db, const char *id, int64_t now, struct case_facts *f,
	       struct case_moments *m, struct err *e);

int case_set_stage(struct db *db, const char *id, enum stage s, const char *now, struct err *e);
int case_update_consultation(struct db *db, const char *id, const json_t *in, const char *consultation_at, struct err *e);
int case_set_emergency_decision(struct db *db, const char *id, const char *decision,
				const char *by, const char *at, const char *note, struct err *e);
int case_set_screening(struct db *db, const char *id, const json_t *in, const char *by, const char *at,
		       struct err *e);
int case_set_allocation(struct db *db, const char *id, const char *coordinator_id,
			const char *by, const char *at, struct err *e);
int case_set_first_contact(struct db *db, const char *id, const char *at, const char *with,
			   const char *method, const char *notes, struct err *e);
/* `prep` holds every preparation field (the merged old and new values). */
int case_set_preparation(struct db *db, const char *id, const json_t *prep, struct err *e);
int case_set_no_agreement(struct db *db, const char *id, const char *choice, const char *note,
			  const char *at, struct err *e);
int case_set_distributed(struct db *db, const char *id, const char *at, struct err *e);
int case_set_closed(struct db *db, const char *id, const char *reason, const char *summary,
		    const char *by, const char *at, struct err *e);

/* Which cases a person may see in lists (see domain/access.h): all of
 * them, or those allocated to, referred by, or owned by the team given
 * (NULL = not through that). */
struct case_visibility {
	bool all;
	const char *coordinator, *referrer, *team;
};

struct case_filter {
	struct case_visibility see;
	const char *stage;       /* slug or NULL */
	const char *coordinator; /* user id or NULL */
	const char *text;        /* reference or child's name, folded; NULL */
	bool open_only;
	long limit, offset;      /* a page of the matches; limit 0 for all of them */
};
/* Matching cases, newest consultation first (a one-word search by someone
 * who sees every case, with no other filter: newest booked first), each with the moments for its
 * clocks: [{id, reference, child_name, stage, coordinator_id, coordinator_name,
 * consultation_at, emergency, emergency_decision, allocated_at, first_contact_at,
 * meeting_held_at, plan_distributed_at, review_held_at, review_required, closed_at}] */
int case_list(struct db *db, const struct case_filter *f, json_t **out, struct err *e);
/* How many cases match (limit and offset ignored). */
int case_count(struct db *db, const struct case_filter *f, long *total, struct err *e);
/* Every open case `see` reaches, as case_list's rows (the dashboard). */
int case_list_open(struct db *db, const struct case_visibility *see, json_t **out, struct err *e);

/* Counts of cases by stage: {"consent": 3, ...}. */
int case_stage_counts(struct db *db, const struct case_visibility *see, json_t **out, struct err *e);

/* Consultations booked from `from` up to `to` (ISO 8601 UTC), earliest
 * first: [{id, reference, child_name, consultation_at, stage, visible}],
 * visible saying whether `see` reaches the case. */
int case_consultations(struct db *db, const struct case_visibility *see, const char *from, const char *to,
		       json_t **out, struct err *e);

/* Who stands in what relation to a case (for access control). */
struct case_access {
	bool found;
	char coordinator_id[33], referrer_user_id[33], team_id[33]; /* "" when none */
};
int case_access(struct db *db, const char *id, struct case_access *out, struct err *e);

/* Lower-cases ASCII letters so a search ignores case (other scripts are kept as typed). */
void case_fold(const char *in, char *out, size_t n);
/* "%text%", folded, with LIKE's wildcards escaped (ESCAPE '\\'). */
struct buf;
void case_like_pattern(const char *text, struct buf *out);

#endif
