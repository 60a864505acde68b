/* access.c — the rules (access.h). One line per action: adding a route
 * means adding its line here, or the server refuses to start. */
#include "access.h"

#include <stdlib.h>
#include <string.h>

#define CASEWORK_AND_REFERRER (ROLE_CASEWORK | ROLE_REFERRER)

static const struct access_rule RULES[] = {
	/* Nothing personal: open to all. */
	{"home", ACCESS_PUBLIC, 0, AUDIT_NONE, "page"},
	{"health", ACCESS_PUBLIC, 0, AUDIT_NONE, "service"},
	{"openapi", ACCESS_PUBLIC, 0, AUDIT_NONE, "service"},
	{"asset", ACCESS_PUBLIC, 0, AUDIT_NONE, "service"},
	{"view_sign_in", ACCESS_PUBLIC, 0, AUDIT_NONE, "page"},
	{"sign_in", ACCESS_PUBLIC, 0, AUDIT_SECURITY, "session"},
	/* Partway through signing in is enough. */
	{"view_session", ACCESS_SIGN_IN, 0, AUDIT_NONE, "session"},
	{"sign_out", ACCESS_SIGN_IN, 0, AUDIT_SECURITY, "session"},
	{"second_factor", ACCESS_SIGN_IN, 0, AUDIT_SECURITY, "session"},
	{"start_enrolment", ACCESS_SIGN_IN, 0, AUDIT_SECURITY, "user"},
	{"confirm_enrolment", ACCESS_SIGN_IN, 0, AUDIT_SECURITY, "user"},
	/* Anyone signed in: their own account, and the staff directory. */
	{"list_own_sessions", ACCESS_ANY, 0, AUDIT_NONE, "session"},
	{"end_own_session", ACCESS_ANY, 0, AUDIT_SECURITY, "session"},
	{"change_own_password", ACCESS_ANY, 0, AUDIT_SECURITY, "user"},
	{"list_users", ACCESS_ANY, 0, AUDIT_NONE, "user"},
	{"list_teams", ACCESS_ANY, 0, AUDIT_NONE, "team"},
	{"view_timescales", ACCESS_ANY, 0, AUDIT_NONE, "settings"},
	{"view_session_schedule", ACCESS_ANY, 0, AUDIT_NONE, "settings"},
	{"view_service_settings", ACCESS_ANY, 0, AUDIT_NONE, "settings"},
	{"list_venues", ACCESS_ANY, 0, AUDIT_NONE, "venue"},
	{"view_venue", ACCESS_ANY, 0, AUDIT_NONE, "venue"},
	{"list_tokens", ACCESS_ANY, 0, AUDIT_NONE, "api_token"},
	{"revoke_token", ACCESS_ANY, 0, AUDIT_SECURITY, "api_token"},
	/* Administration. */
	{"add_user", ACCESS_ROLES, ROLE_ADMINISTRATOR, AUDIT_SECURITY, "user"},
	{"view_user_form", ACCESS_ROLES, ROLE_ADMINISTRATOR, AUDIT_NONE, "page"},
	{"view_user", ACCESS_ROLES, ROLE_ADMINISTRATOR, AUDIT_NONE, "user"},
	{"change_user", ACCESS_ROLES, ROLE_ADMINISTRATOR, AUDIT_SECURITY, "user"},
	{"reset_password", ACCESS_ROLES, ROLE_ADMINISTRATOR, AUDIT_SECURITY, "user"},
	{"add_team", ACCESS_ROLES, ROLE_ADMINISTRATOR, AUDIT_SECURITY, "team"},
	{"create_token", ACCESS_ROLES, ROLE_ADMINISTRATOR, AUDIT_SECURITY, "api_token"},
	{"view_security_settings", ACCESS_ROLES, ROLE_ADMINISTRATOR, AUDIT_NONE, "settings"},
	{"change_security_settings", ACCESS_ROLES, ROLE_ADMINISTRATOR, AUDIT_SECURITY, "settings"},
	{"change_timescales", ACCESS_ROLES, ROLE_ADMINISTRATOR | ROLE_SERVICE_MANAGER, AUDIT_SECURITY, "settings"},
	{"change_session_schedule", ACCESS_ROLES, ROLE_ADMINISTRATOR | ROLE_SERVICE_MANAGER, AUDIT_SECURITY, "settings"},
	{"change_service_settings", ACCESS_ROLES, ROLE_ADMINISTRATOR | ROLE_SERVICE_MANAGER, AUDIT_SECURITY, "settings"},
	{"add_venue", ACCESS_ROLES, ROLE_ADMINISTRATOR | ROLE_MANAGERS, AUDIT_SECURITY, "venue"},
	{"change_venue", ACCESS_ROLES, ROLE_ADMINISTRATOR | ROLE_MANAGERS, AUDIT_SECURITY, "venue"},
	/* Cases in general: lists show only the cases the person may see. */
	{"book_consultation", ACCESS_ROLES, CASEWORK_AND_REFERRER, AUDIT_CHANGE, "case"},
	{"view_booking_form", ACCESS_ROLES, CASEWORK_AND_REFERRER, AUDIT_NONE, "page"},
	{"list_cases", ACCESS_ROLES, CASEWORK_AND_REFERRER, AUDIT_SEARCH, "cases"},
	{"view_consultation_sessions", ACCESS_ROLES, CASEWORK_AND_REFERRER, AUDIT_SEARCH, "cases"},
	{"dashboard", ACCESS_ROLES, ROLE_CASEWORK, AUDIT_SEARCH, "cases"},
	{"break_glass", ACCESS_ROLES, ROLE_TEAM_MANAGER, AUDIT_SECURITY, "case"},
	{"user_audit", ACCESS_ROLES, ROLE_MANAGERS, AUDIT_VIEW, "audit"},
	/* One case. */
	{"view_case", ACCESS_CASE, CASEWORK_AND_REFERRER, AUDIT_VIEW, "case"},
	{"view_timeline", ACCESS_CASE, ROLE_CASEWORK, AUDIT_VIEW, "case"},
	{"case_audit", ACCESS_CASE, ROLE_MANAGERS, AUDIT_VIEW, "audit"},
	{"update_consultation", ACCESS_CASE, CASEWORK_AND_REFERRER, AUDIT_CHANGE, "case"},
	{"emergency_decision", ACCESS_CASE, ROLE_SERVICE_MANAGER, AUDIT_CHANGE, "case"},
	{"screen", ACCESS_CASE, ROLE_MANAGERS, AUDIT_CHANGE, "case"},
	{"add_person", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "person"},
	{"record_consent", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "consent"},
	{"allocate", ACCESS_CASE, ROLE_MANAGERS, AUDIT_CHANGE, "case"},
	{"first_contact", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "case"},
	{"update_preparation", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "case"},
	{"schedule_meeting", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "meeting"},
	{"record_meeting", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "meeting"},
	{"record_plan", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "plan"},
	{"referrer_decision", ACCESS_CASE, CASEWORK_AND_REFERRER, AUDIT_CHANGE, "plan"},
	{"validate_plan", ACCESS_CASE, ROLE_MANAGERS, AUDIT_CHANGE, "plan"},
	/* The plan as a document: the referrer agrees the plan, so may read it. */
	{"view_plan_document", ACCESS_CASE, CASEWORK_AND_REFERRER, AUDIT_VIEW, "plan"},
	{"record_distribution", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "distribution"},
	{"complete_distribution", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "distribution"},
	{"send_plan", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "distribution"},
	{"no_agreement_decision", ACCESS_CASE, CASEWORK_AND_REFERRER, AUDIT_CHANGE, "case"},
	{"schedule_review", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "meeting"},
	{"record_review", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "plan"},
	{"close", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "case"},
	{"record_notification", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "notification"},
	{"record_evaluation", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "evaluation"},
	/* Letters carry people's addresses: the people working the case. */
	{"view_closure_letter", ACCESS_CASE, ROLE_CASEWORK, AUDIT_VIEW, "notification"},
	{"view_evaluation_form", ACCESS_CASE, ROLE_CASEWORK, AUDIT_VIEW, "evaluation"},
	/* The family network: the people working the case, not the referrer
	 * (what the family tells the coordinator stays with the coordinator). */
	{"view_network", ACCESS_CASE, ROLE_CASEWORK, AUDIT_VIEW, "network"},
	{"view_genogram", ACCESS_CASE, ROLE_CASEWORK, AUDIT_VIEW, "network"},
	{"view_person", ACCESS_CASE, ROLE_CASEWORK, AUDIT_VIEW, "person"},
	{"view_invitation_letter", ACCESS_CASE, ROLE_CASEWORK, AUDIT_VIEW, "person"},
	{"view_invitations", ACCESS_CASE, ROLE_CASEWORK, AUDIT_VIEW, "invitation"},
	{"change_person", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "person"},
	{"add_relationship", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "relationship"},
	{"remove_relationship", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "relationship"},
	{"set_household", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "household"},
	{"change_invitations", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "invitation"},
	{"record_conversation", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "invitation"},
	{"record_response", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "invitation"},
	{"exclude_person", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "exclusion"},
	{"lift_exclusion", ACCESS_CASE, ROLE_CASEWORK, AUDIT_CHANGE, "exclusion"},
	/* Finding a person already recorded, on the cases one may see. */
	{"search_people", ACCESS_ROLES, ROLE_CASEWORK, AUDIT_SEARCH, "people"},
};

const struct access_rule *access_rule(const char *action)
{
	for (size_t i = 0; i < sizeof RULES / sizeof RULES[0]; i++)
		if (strcmp(RULES[i].action, action) == 0)
			return &RULES[i];
	return NULL;
}

static const struct {
	unsigned bit;
	const char *code;
	unsigned relations; /* the relations through which this role reaches a case */
	bool everywhere;    /* reaches every case */
} ROLES[] = {
	/* Most senior first: access is recorded as granted through the first that qualifies. */
	{ROLE_SERVICE_MANAGER, "service_manager", 0, true},
	{ROLE_TEAM_MANAGER, "team_manager", REL_TEAM | REL_BREAK_GLASS, false},
	{ROLE_COORDINATOR, "coordinator", REL_ALLOCATED, false},
	{ROLE_REFERRER, "referrer", REL_REFERRED, false},
	{ROLE_ADMINISTRATOR, "administrator", 0, false},
};
#define NROLES (sizeof ROLES / sizeof ROLES[0])

enum access_verdict access_decide(const struct access_rule *rule, bool signed_in, unsigned roles,
				  unsigned relations, unsigned *granted_role)
{
	unsigned dummy;
	if (!granted_role)
		granted_role = &dummy;
	*granted_role = 0;
	if (!rule)
		return ACCESS_DENY;
	switch (rule->scope) {
	case ACCESS_PUBLIC:
		return ACCESS_ALLOW;
	case ACCESS_SIGN_IN:
		return ACCESS_ALLOW; /* the caller has checked there is a session */
	case ACCESS_ANY:
		return signed_in ? ACCESS_ALLOW : ACCESS_DENY;
	case ACCESS_ROLES:
	case ACCESS_CASE:
		break;
	}
	if (!signed_in)
		return ACCESS_DENY;
	bool glass = false;
	for (size_t i = 0; i < NROLES; i++) {
		if (!(roles & ROLES[i].bit) || !(rule->roles & ROLES[i].bit))
			continue;
		if (rule->scope == ACCESS_ROLES || ROLES[i].everywhere ||
		    (relations & ROLES[i].relations)) {
			*granted_role = ROLES[i].bit;
			return ACCESS_ALLOW;
		}
		if (ROLES[i].relations & REL_BREAK_GLASS)
			glass = true;
	}
	return glass ? ACCESS_DENY_BREAK_GLASS : ACCESS_DENY;
}

struct list_scope access_list_scope(unsigned roles)
{
	struct list_scope s = {0};
	for (size_t i = 0; i < NROLES; i++) {
		if (!(roles & ROLES[i].bit))
			continue;
		s.all = s.all || ROLES[i].everywhere;
		s.allocated = s.allocated || (ROLES[i].relations & REL_ALLOCATED);
		s.referred = s.referred || (ROLES[i].relations & REL_REFERRED);
		s.team = s.team || (ROLES[i].relations & REL_TEAM);
	}
	return s;
}

unsigned role_bit(const char *code)
{
	for (size_t i = 0; code && i < NROLES; i++)
		if (strcmp(ROLES[i].code, code) == 0)
			return ROLES[i].bit;
	return 0;
}

const char *role_code(unsigned bit)
{
	for (size_t i = 0; i < NROLES; i++)
		if (ROLES[i].bit == bit)
			return ROLES[i].code;
	return NULL;
}

long role_bits(const char *codes)
{
	long bits = 0;
	const char *p = codes;
	while (p && *p) {
		p += strspn(p, " ,");
		size_t n = strcspn(p, " ,");
		if (n == 0)
			break;
		char code[32];
		if (n >= sizeof code)
			return -1;
		memcpy(code, p, n);
		code[n] = '\0';
		unsigned b = role_bit(code);
		if (!b)
			return -1;
		bits |= (long)b;
		p += n;
	}
	return bits;
}
