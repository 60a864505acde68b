/* test_safety.c — the safety rule: excluded or restricted people are never
 * chosen to receive an invitation, meeting details or the plan, and a
 * confidential address appears only in what is sent to its owner. Also the
 * network's own rules for people and relationships. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/network.h"
#include "domain/safety.h"

static const enum safety_send ALL[] = {SEND_INVITATION, SEND_MEETING_DETAILS, SEND_PLAN, SEND_LETTER};

static void test_nobody_protected_may_be_sent_anything(void **state)
{
	(void)state;
	struct safety_facts p = {.name = "Anna Nowak"};
	struct err e = {0};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(safety_may_send(&p, ALL[i], "x", &e), 0);
	p.restriction = "none";
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(safety_may_send(&p, ALL[i], "x", &e), 0);
}

static void test_excluded_person_is_sent_nothing(void **state)
{
	(void)state;
	struct safety_facts p = {.name = "Robert Las", .excluded = true, .exclusion_reason = "domestic_violence"};
	for (size_t i = 0; i < 4; i++) {
		struct err e = {0};
		assert_int_equal(safety_may_send(&p, ALL[i], "invited[1]", &e), -1);
		assert_int_equal(e.kind, ERR_INVALID);
		assert_string_equal(e.field, "invited[1]");
		assert_non_null(strstr(e.msg, "Robert Las is excluded from the family meeting"));
		assert_non_null(strstr(e.msg, "Victims of their domestic violence"));
		assert_non_null(strstr(e.msg, safety_send_words(ALL[i])));
	}
}

static void test_contact_restrictions(void **state)
{
	(void)state;
	struct err e = {0};
	struct safety_facts none = {.name = "Halina", .restriction = "no_contact"};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(safety_may_send(&none, ALL[i], NULL, &e), -1);
	assert_non_null(strstr(e.msg, "Must not be contacted by the service"));
	/* Not to know when or where meetings are: no invitation, no details, but the plan may go. */
	struct safety_facts details = {.name = "Halina", .restriction = "no_meeting_details"};
	assert_int_equal(safety_may_send(&details, SEND_INVITATION, NULL, &e), -1);
	assert_int_equal(safety_may_send(&details, SEND_MEETING_DETAILS, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "the meeting's details"));
	assert_int_equal(safety_may_send(&details, SEND_PLAN, NULL, &e), 0);
	assert_int_equal(safety_may_send(&details, SEND_LETTER, NULL, &e), 0);
	/* A code this version does not know is treated as the strictest. */
	struct safety_facts odd = {.name = "X", .restriction = "court_order_2031"};
	assert_int_equal(safety_may_send(&odd, SEND_PLAN, NULL, &e), -1);
}

static void test_the_dead_are_not_written_to(void **state)
{
	(void)state;
	struct err e = {0};
	struct safety_facts p = {.name = "Marek", .deceased = true};
	assert_int_equal(safety_may_send(&p, SEND_PLAN, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "Marek has died"));
	struct safety_facts anon = {.excluded = true};
	assert_int_equal(safety_may_send(&anon, SEND_PLAN, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "This person is excluded"));
}

static void test_confidential_address_only_to_its_owner(void **state)
{
	(void)state;
	const char *addr = "1 Hidden Street";
	assert_string_equal(safety_address("a", addr, false, "b"), addr);
	assert_string_equal(safety_address("a", addr, true, "a"), addr);
	assert_null(safety_address("a", addr, true, "b"));
	assert_null(safety_address("a", addr, true, NULL));
	assert_null(safety_address("a", "", false, "b"));
	assert_null(safety_address("a", NULL, false, "b"));
}

static json_t *errors_of(void (*check)(const json_t *, json_t *), const char *json)
{
	json_t *in = json_loads(json, 0, NULL), *errors = json_array();
	assert_non_null(in);
	check(in, errors);
	json_decref(in);
	return errors;
}

static void person_today(const json_t *in, json_t *errors) { network_check_person(in, "2026-11-22", errors); }
static void relationship_none(const json_t *in, json_t *errors) { network_check_relationship(in, "", errors); }
static void relationship_taken(const json_t *in, json_t *errors) { network_check_relationship(in, "sibling", errors); }

static const char *field_of(const json_t *errors, size_t i)
{
	return json_string_value(json_object_get(json_array_get(errors, i), "field"));
}

static void expect(void (*check)(const json_t *, json_t *), const char *json, const char *field)
{
	json_t *errors = errors_of(check, json);
	if (!field) {
		assert_int_equal(json_array_size(errors), 0);
	} else {
		assert_int_equal(json_array_size(errors), 1);
		assert_string_equal(field_of(errors, 0), field);
	}
	json_decref(errors);
}

static void test_person_rules(void **state)
{
	(void)state;
	expect(person_today, "{\"name\":\"A\",\"dob\":\"1980-01-01\"}", NULL);
	expect(person_today, "{\"dob\":\"2026-11-23\"}", "dob");
	expect(person_today, "{\"dob\":\"2026-11-22\"}", NULL);
	expect(person_today, "{\"dob\":\"1980-01-01\",\"approx_age\":40}", "approx_age");
	expect(person_today, "{\"death_year\":2019}", "death_year");
	expect(person_today, "{\"deceased\":true,\"death_year\":2019}", NULL);
	expect(person_today, "{\"deceased\":true,\"death_year\":2027}", "death_year");
	expect(person_today, "{\"deceased\":true,\"death_year\":1970,\"dob\":\"1980-01-01\"}", "death_year");
	expect(person_today, "{\"interpreter\":\"sign\"}", "interpreter_language");
	expect(person_today, "{\"interpreter\":\"sign\",\"interpreter_language\":\"BSL\"}", NULL);
	expect(person_today, "{\"interpreter\":\"none\"}", NULL);
	expect(person_today, "{\"contact_restriction\":\"no_contact\"}", "contact_restriction_note");
	expect(person_today, "{\"contact_restriction\":\"none\"}", NULL);
}

static void test_relationship_rules(void **state)
{
	(void)state;
	const char *a = "\"a\":\"11111111111111111111111111111111\"", *b = "\"b\":\"22222222222222222222222222222222\"";
	char buf[300];
#define REL(extra) (snprintf(buf, sizeof buf, "{%s,%s,%s}", a, b, extra), buf)
	expect(relationship_none, REL("\"kind\":\"parent_birth\""), NULL);
	expect(relationship_taken, REL("\"kind\":\"parent_birth\""), "b");
	expect(relationship_none, "{\"a\":\"11111111111111111111111111111111\",\"b\":\"11111111111111111111111111111111\",\"kind\":\"sibling\"}", "b");
	expect(relationship_none, REL("\"kind\":\"partner_divorced\",\"start_year\":2005,\"end_year\":2015"), NULL);
	expect(relationship_none, REL("\"kind\":\"partner_divorced\",\"start_year\":2015,\"end_year\":2005"), "end_year");
	expect(relationship_none, REL("\"kind\":\"partner_married\",\"end_year\":2005"), "end_year");
	expect(relationship_none, REL("\"kind\":\"cousin\",\"start_year\":2005"), "start_year");
	expect(relationship_none, REL("\"kind\":\"professional\""), "agency");
	expect(relationship_none, REL("\"kind\":\"professional\",\"agency\":\"School\""), NULL);
	expect(relationship_none, REL("\"kind\":\"friend\",\"agency\":\"School\""), "agency");
	assert_true(network_is_partner("partner_dating"));
	assert_false(network_is_partner("parent_step"));
	assert_false(network_is_partner(NULL));
#undef REL
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nobody_protected_may_be_sent_anything),
		cmocka_unit_test(test_excluded_person_is_sent_nothing),
		cmocka_unit_test(test_contact_restrictions),
		cmocka_unit_test(test_the_dead_are_not_written_to),
		cmocka_unit_test(test_confidential_address_only_to_its_owner),
		cmocka_unit_test(test_person_rules),
		cmocka_unit_test(test_relationship_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
