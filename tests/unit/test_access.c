/* test_access.c — the access rules (domain/access.c) and throttling
 * (domain/throttle.c): pure decisions, checked without a server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/access.h"
#include "domain/throttle.h"
#include "web/app.h"

static enum access_verdict decide(const char *action, unsigned roles, unsigned relations, unsigned *granted)
{
	return access_decide(access_rule(action), true, roles, relations, granted);
}

static void test_every_route_has_a_rule(void **state)
{
	(void)state;
	const char *missing = NULL;
	assert_true(app_routes_have_rules(&missing));
	assert_null(missing);
	assert_null(access_rule("no_such_action"));
	/* No rule, no access, for anyone. */
	assert_int_equal(access_decide(NULL, true, ROLE_ALL, ~0u, NULL), ACCESS_DENY);
}

static void test_case_actions_need_a_relation(void **state)
{
	(void)state;
	unsigned g;
	assert_int_equal(decide("record_consent", ROLE_COORDINATOR, REL_ALLOCATED, &g), ACCESS_ALLOW);
	assert_int_equal(g, ROLE_COORDINATOR);
	assert_int_equal(decide("record_consent", ROLE_COORDINATOR, REL_TEAM | REL_REFERRED, NULL), ACCESS_DENY);
	assert_int_equal(decide("view_case", ROLE_REFERRER, REL_REFERRED, &g), ACCESS_ALLOW);
	assert_int_equal(g, ROLE_REFERRER);
	assert_int_equal(decide("view_case", ROLE_REFERRER, REL_ALLOCATED | REL_TEAM, NULL), ACCESS_DENY);
	assert_int_equal(decide("view_timeline", ROLE_REFERRER, REL_REFERRED, NULL), ACCESS_DENY);
	assert_int_equal(decide("screen", ROLE_TEAM_MANAGER, REL_TEAM, NULL), ACCESS_ALLOW);
	assert_int_equal(decide("screen", ROLE_COORDINATOR, REL_ALLOCATED | REL_TEAM, NULL), ACCESS_DENY);
	assert_int_equal(decide("emergency_decision", ROLE_TEAM_MANAGER, REL_TEAM, NULL), ACCESS_DENY);
	assert_int_equal(decide("emergency_decision", ROLE_SERVICE_MANAGER, 0, NULL), ACCESS_ALLOW);
	/* The administrator runs accounts, never casework. */
	assert_int_equal(decide("view_case", ROLE_ADMINISTRATOR, REL_TEAM | REL_ALLOCATED, NULL), ACCESS_DENY);
	assert_int_equal(decide("add_user", ROLE_ADMINISTRATOR, 0, NULL), ACCESS_ALLOW);
	assert_int_equal(decide("add_user", ROLE_SERVICE_MANAGER, 0, NULL), ACCESS_DENY);
}

static void test_break_glass(void **state)
{
	(void)state;
	unsigned g;
	assert_int_equal(decide("view_case", ROLE_TEAM_MANAGER, 0, NULL), ACCESS_DENY_BREAK_GLASS);
	assert_int_equal(decide("view_case", ROLE_TEAM_MANAGER, REL_BREAK_GLASS, &g), ACCESS_ALLOW);
	assert_int_equal(g, ROLE_TEAM_MANAGER);
	/* Only managers may break the glass; a coordinator is simply refused. */
	assert_int_equal(decide("view_case", ROLE_COORDINATOR, REL_BREAK_GLASS, NULL), ACCESS_DENY);
	/* Break-glass does not reach what the role could never do. */
	assert_int_equal(decide("emergency_decision", ROLE_TEAM_MANAGER, REL_BREAK_GLASS, NULL), ACCESS_DENY);
}

static void test_most_senior_role_is_recorded(void **state)
{
	(void)state;
	unsigned g;
	assert_int_equal(decide("view_case", ROLE_COORDINATOR | ROLE_SERVICE_MANAGER, REL_ALLOCATED, &g), ACCESS_ALLOW);
	assert_int_equal(g, ROLE_SERVICE_MANAGER);
	assert_int_equal(decide("view_case", ROLE_COORDINATOR | ROLE_REFERRER, REL_ALLOCATED | REL_REFERRED, &g), ACCESS_ALLOW);
	assert_int_equal(g, ROLE_COORDINATOR);
}

static void test_signing_in_is_not_signed_in(void **state)
{
	(void)state;
	assert_int_equal(access_decide(access_rule("view_case"), false, ROLE_SERVICE_MANAGER, 0, NULL), ACCESS_DENY);
	assert_int_equal(access_decide(access_rule("list_users"), false, ROLE_ALL, 0, NULL), ACCESS_DENY);
	assert_int_equal(access_decide(access_rule("second_factor"), false, 0, 0, NULL), ACCESS_ALLOW);
	assert_int_equal(access_decide(access_rule("health"), false, 0, 0, NULL), ACCESS_ALLOW);
}

static void test_list_scope_and_role_codes(void **state)
{
	(void)state;
	struct list_scope s = access_list_scope(ROLE_COORDINATOR | ROLE_REFERRER);
	assert_false(s.all);
	assert_true(s.allocated && s.referred);
	assert_false(s.team);
	assert_true(access_list_scope(ROLE_SERVICE_MANAGER).all);
	assert_true(access_list_scope(ROLE_TEAM_MANAGER).team);
	s = access_list_scope(ROLE_ADMINISTRATOR);
	assert_false(s.all || s.allocated || s.referred || s.team);
	assert_int_equal(role_bits("coordinator team_manager"), ROLE_COORDINATOR | ROLE_TEAM_MANAGER);
	assert_int_equal(role_bits("coordinator,wizard"), -1);
	assert_int_equal(role_bits(""), 0);
	assert_string_equal(role_code(ROLE_SERVICE_MANAGER), "service_manager");
}

static void test_throttle(void **state)
{
	(void)state;
	int64_t now = 1800000000;
	assert_int_equal(throttle_until(4, now - 60, THROTTLE_ACCOUNT_LIMIT, now), 0);
	assert_int_equal(throttle_until(5, now - 60, THROTTLE_ACCOUNT_LIMIT, now), now - 60 + THROTTLE_WINDOW);
	/* Once the oldest failure has left the window, attempts resume. */
	assert_int_equal(throttle_until(5, now - THROTTLE_WINDOW - 1, THROTTLE_ACCOUNT_LIMIT, now), 0);
	char msg[400];
	/* 1800000000 is 2027-01-15T08:00:00Z: GMT, so London shows 08:14. */
	throttle_message(1, now + 14 * 60, now, msg, sizeof msg);
	assert_non_null(strstr(msg, "Try again after 08:14 (in 14 minutes)"));
	assert_non_null(strstr(msg, "this account"));
	throttle_message(0, now + 30, now, msg, sizeof msg);
	assert_non_null(strstr(msg, "(in a minute)"));
	assert_non_null(strstr(msg, "your network"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_has_a_rule),
		cmocka_unit_test(test_case_actions_need_a_relation),
		cmocka_unit_test(test_break_glass),
		cmocka_unit_test(test_most_senior_role_is_recorded),
		cmocka_unit_test(test_signing_in_is_not_signed_in),
		cmocka_unit_test(test_list_scope_and_role_codes),
		cmocka_unit_test(test_throttle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
