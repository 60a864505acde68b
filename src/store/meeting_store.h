/* meeting_store.h — family meetings and review meetings, with attendance. */
#ifndef HEARTH_MEETING_STORE_H
#define HEARTH_MEETING_STORE_H

#include <jansson.h>
#include "db.h"

/* The arranged, not yet held meeting of a kind ("family" or "review"):
 * id_out[0] == '\0' when there is none; scheduled_out (may be NULL) gets its date. */
int meeting_pending(struct db *db, const char *case_id, const char *kind, char id_out[33],
		    char scheduled_out[32], struct err *e);
/* Arranges a meeting, or rearranges the pending one of that kind. */
int meeting_schedule(struct db *db, const char *case_id, const char *kind,
		     const char *scheduled_at, const char *venue, const char *online_link,
		     const char *now, struct err *e);
/* Records the pending meeting as held; fields from `in` (three parts, outcome,
 * and for reviews the issues). */
/* The most recently held meeting of a kind; id_out[0] == '\0' when none. */
int meeting_latest_held(struct db *db, const char *case_id, const char *kind, char id_out[33],
			struct err *e);
int meeting_record(struct db *db, const char *meeting_id, const char *held_at, const json_t *in,
		   struct err *e);
/* The meeting's invitation gets a new version number (its calendar SEQUENCE). */
int meeting_bump_sequence(struct db *db, const char *meeting_id, struct err *e);
/* A meeting that will not take place (the case closed before it). */
int meeting_cancel(struct db *db, const char *meeting_id, const char *at, const char *reason, struct err *e);
int attendance_insert(struct db *db, const char *meeting_id, const char *person_id,
		      const char *name, const char *role, int attended, struct err *e);
/* [{id, kind, scheduled_at, venue, online_link, held_at, ..., attendance: [...]}] */
int meeting_list(struct db *db, const char *case_id, json_t **out, struct err *e);

#endif
