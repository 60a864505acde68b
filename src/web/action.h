/* action.h — running one change to a case, the same way every time.
 *
 * Every stage action goes through action_run(): read and check the JSON
 * body against the action's declared fields, open a transaction, gather the
 * case's facts, let the action check its input against the case's records
 * (prepare), ask the state machine whether the action is allowed now, write
 * (apply), move the stage, add a timeline entry, commit, and answer with the
 * whole case. Any failure rolls the transaction back, so nothing is ever
 * half-written: 400/413/415 for an unreadable request, 422 for bad fields,
 * 404 for an unknown case, 409 for a refused transition.
 */
#ifndef HEARTH_ACTION_H
#define HEARTH_ACTION_H

#include "app.h"
#include "body.h"
#include "../domain/form.h"
#include "../domain/safety.h"
#include "../domain/stages.h"

struct action_ctx {
	struct app *app;
	const struct request *req;
	struct db *db;
	const char *case_id;
	json_t *in;     /* the checked body */
	json_t *errors; /* problems found by prepare(), answered as 422 */
	struct case_facts facts;
	struct case_moments moments;
	struct sm_input sm;
	enum stage next;
	char now[21];       /* the request's time, ISO 8601 UTC */
	char summary[2048]; /* the timeline entry */
	const char *actor;  /* user id of who did it (the signed-in person) */
	/* Carried from prepare() to apply(): the action's time (ISO 8601 UTC)
	 * and the name of whoever or whatever it concerns. */
	char when[32];
	char name[1024];
	char ref[33];
	json_t *scratch; /* anything else; released by action_run */
	/* Set by action_may_send(): the refusal is recorded in the audit trail. */
	bool safety_refused;
	/* The people of the case, read once by action_may_send_named() however
	 * many recipients it checks; released by action_run. */
	json_t *people;
	/* Set by mail_queue(): the mail worker is woken after the commit. */
	bool mail_queued;
	struct err err;
};

struct stage_action {
	enum action action;
	const struct field_spec *fields;
	/* Checks the input against the case's records and fills ctx->sm;
	 * problems go to ctx->errors. Returns -1 only on a store failure. May be NULL. */
	int (*prepare)(struct action_ctx *ctx);
	/* Writes the change; -1 with ctx->err on failure. */
	int (*apply)(struct action_ctx *ctx);
};

void action_run(struct app *app, const struct request *req, struct response *res,
		const struct stage_action *act);

/* A date-time field of the input, or the request's time when absent. A time
 * in the future is refused (with a 5-minute allowance for clock drift).
 * out gets ISO 8601 UTC. Returns -1 after adding to ctx->errors. */
int action_time(struct action_ctx *ctx, const char *field, const char *label, char out[21]);

/* The same for `key` of `obj` (an entry of a list in the input), with any
 * error reported for `field` ("recipients[2].sent_at"). */
int action_time_of(struct action_ctx *ctx, const json_t *obj, const char *key, const char *field,
		   const char *label, char out[21]);

/* The person `person_id` of this case into *out (release it); when they
 * are not on the case, *out is NULL and an error names `field`. Returns -1
 * only on a store failure. */
int action_person(struct action_ctx *ctx, const char *person_id, const char *field, json_t **out);

/* The safety rule (domain/safety.h) for sending `what` to `member` (a
 * person of this case as person_get() gives them): false, with an error for
 * `field`, when they may not be sent it; the refusal is audited even though
 * nothing is saved. */
bool action_may_send(struct action_ctx *ctx, const json_t *member, enum safety_send what,
		     const char *field);

/* The same for a recipient typed by name rather than chosen: when the
 * name is that of someone on the case, their protection applies. Returns
 * -1 only on a store failure; *ok says whether they may be sent it. */
int action_may_send_named(struct action_ctx *ctx, const char *name, enum safety_send what,
			  const char *field, bool *ok);

/* Adds an error for `field` when the time `at` is earlier than `earlier`
 * (a moment the case has already reached, 0 = none), naming `what`. */
void action_not_before(struct action_ctx *ctx, const char *field, const char *at, int64_t earlier,
		       const char *what);

/* Checks that `user_id` is an active user with one of `roles`; adds an error
 * for `field` if not. *name_out (may be NULL) receives a malloc'd name. */
int action_require_role(struct action_ctx *ctx, const char *field, const char *user_id,
			const char *const *roles, const char *role_words, char **name_out);

/* For action_require_role(): the person chosen must be a coordinator.
 * (Who may take an action at all is decided by domain/access.c.) */
extern const char *const ROLES_COORDINATOR[];

/* Runs the expression `body` (which may use `db`) in a transaction on a
 * pooled connection: commits when it is 0, otherwise rolls back and, when
 * `e` holds an error, answers it. For handlers outside action_run(). */
#define WITH_TX(app, res, e, body)                                    \
	do {                                                           \
		struct db *db = db_pool_get((app)->pool);              \
		int rc_ = db_begin(db, &(e));                          \
		if (rc_ == 0)                                          \
			rc_ = (body);                                  \
		if (rc_ == 0)                                          \
			rc_ = db_commit(db, &(e));                     \
		if (rc_ != 0)                                          \
			db_rollback(db);                               \
		db_pool_put((app)->pool, db);                          \
		if (rc_ != 0 && (e).kind != ERR_NONE)                  \
			respond_err((res), &(e));                      \
	} while (0)

/* Answers a store or domain error with the status its kind calls for. */
void respond_err(struct response *res, const struct err *e);

#endif
