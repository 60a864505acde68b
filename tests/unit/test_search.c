/* test_search.c — what a case is found by: the words of its child's name
 * and its reference, and the range of terms a search's first word reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/search.h"

static size_t terms_of(const char *name, const char *ref, char t[][SEARCH_TERM_MAX])
{
	return search_terms(name, ref, t, SEARCH_TERMS_MAX);
}

static void test_name_words_and_reference_tails(void **state)
{
	(void)state;
	char t[SEARCH_TERMS_MAX][SEARCH_TERM_MAX];
	size_t n = terms_of("ellie-mae o'connor", "FTM-2026-0042", t);
	const char *want[] = {"ellie", "ellie-mae", "mae", "o", "o'connor", "connor",
			      "ftm-2026-0042", "2026-0042", "0042"};
	assert_int_equal(n, sizeof want / sizeof *want);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(t[i], want[i]);
}

static void test_duplicates_and_blanks_left_out(void **state)
{
	(void)state;
	char t[SEARCH_TERMS_MAX][SEARCH_TERM_MAX];
	assert_int_equal(terms_of("  anna   anna ", NULL, t), 1);
	assert_string_equal(t[0], "anna");
	assert_int_equal(terms_of("", "", t), 0);
	assert_int_equal(terms_of(NULL, NULL, t), 0);
	/* never more than asked for */
	assert_int_equal(search_terms("a b c d e", NULL, t, 3), 3);
}

static void test_other_scripts_kept_and_long_words_cut_whole(void **state)
{
	(void)state;
	char t[SEARCH_TERMS_MAX][SEARCH_TERM_MAX];
	assert_int_equal(terms_of("أمير حسن", NULL, t), 2);
	assert_string_equal(t[0], "أمير");
	/* 40 two-byte letters: cut to 62 bytes or fewer, never half a letter */
	char longname[81];
	for (int i = 0; i < 40; i++)
		memcpy(longname + 2 * i, "é", 2);
	longname[80] = '\0';
	assert_int_equal(terms_of(longname, NULL, t), 1);
	assert_true(strlen(t[0]) <= SEARCH_TERM_MAX - 1);
	assert_int_equal(strlen(t[0]) % 2, 0);
}

static void test_search_words_fold_and_split(void **state)
{
	(void)state;
	char w[3][SEARCH_TERM_MAX];
	assert_int_equal(search_words("  Amelia  SMITH jones extra", w, 3), 3);
	assert_string_equal(w[0], "amelia");
	assert_string_equal(w[1], "smith");
	assert_string_equal(w[2], "jones");
	assert_int_equal(search_words("FTM-2026-0042", w, 3), 1);
	assert_string_equal(w[0], "ftm-2026-0042");
	assert_int_equal(search_words("-'x", w, 3), 1);
	assert_string_equal(w[0], "x");
	assert_int_equal(search_words("   ", w, 3), 0);
	assert_int_equal(search_words(" - ", w, 3), 0);
}

static void test_range_covers_exactly_the_prefix(void **state)
{
	(void)state;
	char to[SEARCH_TERM_MAX];
	assert_int_equal(search_range("smi", to), 0);
	assert_string_equal(to, "smj");
	/* everything starting with "smi" is inside [smi, smj), nothing else */
	assert_true(strcmp("smith", "smi") >= 0 && strcmp("smith", to) < 0);
	assert_true(strcmp("smj", to) >= 0);
	assert_true(strcmp("sm", "smi") < 0);
	assert_int_equal(search_range("", to), -1);
	/* a last byte of 0xFF cannot be raised: the one before it is */
	assert_int_equal(search_range("a\xff", to), 0);
	assert_string_equal(to, "b");
	assert_int_equal(search_range("\xff", to), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_words_and_reference_tails),
		cmocka_unit_test(test_duplicates_and_blanks_left_out),
		cmocka_unit_test(test_other_scripts_kept_and_long_words_cut_whole),
		cmocka_unit_test(test_search_words_fold_and_split),
		cmocka_unit_test(test_range_covers_exactly_the_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
