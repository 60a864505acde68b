/* access.h — who may do what: the one place hearth decides (pure, no I/O).
 *
 * Every route names an action (routes.c); every action has exactly one rule
 * here, and a route whose action has no rule is refused (deny by default;
 * app_routes_have_rules() fails the server's start and a unit test).
 *
 * A rule says who may take the action:
 *   - ACCESS_PUBLIC: anyone, signed in or not (the home page, health);
 *   - ACCESS_SIGN_IN: anyone partway through signing in (second factor);
 *   - ACCESS_ANY: anyone signed in, whatever their roles;
 *   - ACCESS_ROLES: anyone holding one of `roles`;
 *   - ACCESS_CASE: anyone holding one of `roles` *and* standing in that
 *     role's relation to the case: a coordinator must be the one allocated,
 *     a referrer must have referred it, a team manager must manage the team
 *     that owns it; a service manager manages the whole service. A team
 *     manager outside the team may get in only by "breaking the glass":
 *     giving a written reason, which the audit trail flags.
 * A referrer reaches only the referrer's view of a case (case_view).
 */
#ifndef HEARTH_ACCESS_H
#define HEARTH_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

enum role_bit {
	ROLE_COORDINATOR = 1 << 0,
	ROLE_REFERRER = 1 << 1,
	ROLE_TEAM_MANAGER = 1 << 2,
	ROLE_SERVICE_MANAGER = 1 << 3,
	ROLE_ADMINISTRATOR = 1 << 4,
};
#define ROLE_MANAGERS (ROLE_TEAM_MANAGER | ROLE_SERVICE_MANAGER)
#define ROLE_CASEWORK (ROLE_COORDINATOR | ROLE_MANAGERS)
#define ROLE_ALL (ROLE_COORDINATOR | ROLE_REFERRER | ROLE_MANAGERS | ROLE_ADMINISTRATOR)

/* How the person stands to one case. */
enum relation_bit {
	REL_ALLOCATED = 1 << 0,   /* the case's allocated coordinator */
	REL_REFERRED = 1 << 1,    /* booked the consultation themself */
	REL_TEAM = 1 << 2,        /* in the team that owns the case */
	REL_BREAK_GLASS = 1 << 3, /* gave a reason to open it this session */
};

enum access_scope { ACCESS_PUBLIC, ACCESS_SIGN_IN, ACCESS_ANY, ACCESS_ROLES, ACCESS_CASE };

/* What the audit trail records when the action succeeds. */
enum audit_kind {
	AUDIT_NONE,     /* nothing personal is read or changed */
	AUDIT_VIEW,     /* personal data read */
	AUDIT_SEARCH,   /* a list or search over cases */
	AUDIT_EXPORT,   /* personal data taken away (CSV) */
	AUDIT_CHANGE,   /* created, changed or deleted */
	AUDIT_SECURITY, /* sign-in, sessions, users, tokens, settings */
};

struct access_rule {
	const char *action;
	enum access_scope scope;
	unsigned roles;       /* enum role_bit, for ACCESS_ROLES and ACCESS_CASE */
	enum audit_kind audit;
	const char *object;   /* what the audit record says was touched */
};

enum access_verdict {
	ACCESS_ALLOW,
	ACCESS_DENY,
	ACCESS_DENY_BREAK_GLASS, /* refused, but a reason would open it */
};

/* The rule for `action`, or NULL when it has none. */
const struct access_rule *access_rule(const char *action);

/* Decides from the person's roles and (for ACCESS_CASE) their relations to
 * the case. *granted_role (may be NULL) receives the single role the access
 * is granted through — the most senior that qualifies — for the audit trail
 * and for choosing the view. `signed_in` is false for a person partway
 * through signing in. */
enum access_verdict access_decide(const struct access_rule *rule, bool signed_in, unsigned roles,
				  unsigned relations, unsigned *granted_role);

/* Which cases a person sees in lists and searches, by the same rules:
 * every case, or those allocated to them, referred by them, or their team's. */
struct list_scope {
	bool all, allocated, referred, team;
};
struct list_scope access_list_scope(unsigned roles);

/* Role bits from a role code ("team_manager"); 0 when unknown. */
unsigned role_bit(const char *code);
const char *role_code(unsigned bit);
/* Bits from a space-separated list of codes; -1 if any is unknown. */
long role_bits(const char *codes);

#endif
