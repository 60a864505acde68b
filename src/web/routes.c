/* routes.c — every address hearth answers, in one table. Each route names
 * the action it performs, which access control and the audit trail key on.
 * `hearth routes` prints this table; a test checks the OpenAPI document
 * describes exactly these routes. */
#include "api.h"

#define CASE "/api/cases/:id"

const struct route routes[] = {
	{"GET", "/", handle_home, "home"},
	{"GET", "/health", handle_health, "health"},
	{"GET", "/api/openapi.json", handle_openapi, "openapi"},
	{"GET", "/api/dashboard", handle_dashboard, "dashboard"},
	{"GET", "/api/users", handle_users, "list_users"},
	{"GET", "/api/settings/timescales", handle_timescales_get, "view_timescales"},
	{"PUT", "/api/settings/timescales", handle_timescales_put, "change_timescales"},
	{"GET", "/api/cases", handle_case_list, "list_cases"},
	{"POST", "/api/cases", handle_case_create, "book_consultation"},
	{"GET", CASE, handle_case_get, "view_case"},
	{"GET", CASE "/timeline", handle_case_timeline, "view_timeline"},
	{"PUT", CASE "/consultation", handle_consultation_update, "update_consultation"},
	{"POST", CASE "/emergency-decision", handle_emergency_decision, "emergency_decision"},
	{"POST", CASE "/screening", handle_screening, "screen"},
	{"POST", CASE "/people", handle_person_add, "add_person"},
	{"POST", CASE "/consents", handle_consent, "record_consent"},
	{"POST", CASE "/allocation", handle_allocation, "allocate"},
	{"POST", CASE "/first-contact", handle_first_contact, "first_contact"},
	{"PUT", CASE "/preparation", handle_preparation, "update_preparation"},
	{"POST", CASE "/meeting", handle_meeting_schedule, "schedule_meeting"},
	{"POST", CASE "/meeting/record", handle_meeting_record, "record_meeting"},
	{"PUT", CASE "/plan", handle_plan, "record_plan"},
	{"POST", CASE "/plan/referrer-decision", handle_referrer_decision, "referrer_decision"},
	{"POST", CASE "/plan/validation", handle_plan_validation, "validate_plan"},
	{"POST", CASE "/distributions", handle_distribution, "record_distribution"},
	{"POST", CASE "/distributions/complete", handle_distribution_complete, "complete_distribution"},
	{"POST", CASE "/no-agreement", handle_no_agreement, "no_agreement_decision"},
	{"POST", CASE "/review", handle_review_schedule, "schedule_review"},
	{"POST", CASE "/review/record", handle_review_record, "record_review"},
	{"POST", CASE "/closure", handle_closure, "close"},
	{"POST", CASE "/closure/notifications", handle_notification, "record_notification"},
	{"POST", CASE "/evaluations", handle_evaluation, "record_evaluation"},
};

const size_t routes_count = sizeof routes / sizeof routes[0];
