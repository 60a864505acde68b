/* test_security.c — passwords, one-time codes, QR images and tokens: the
 * published test vectors, and each rule a person or an attacker meets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "security/password.h"
#include "security/qr_svg.h"
#include "security/token.h"
#include "security/totp.h"

/* RFC 6238 Appendix B: the ASCII key "12345678901234567890". */
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static int setup(void **state)
{
	(void)state;
	return password_init();
}

/* --- TOTP ----------------------------------------------------------------- */

static void test_totp_rfc6238_vectors(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		const char *code;
	} v[] = {
		{59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
		{1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		char code[TOTP_DIGITS + 1];
		assert_int_equal(totp_code(RFC_SECRET, v[i].t, code), 0);
		assert_string_equal(code, v[i].code);
	}
	char code[TOTP_DIGITS + 1];
	assert_int_equal(totp_code("gezdgnbvgy3tqojqgezdgnbvgy3tqojq", 59, code), 0);
	assert_string_equal(code, "287082");
	assert_int_equal(totp_code("GEZ1", 59, code), -1);
	assert_int_equal(totp_code("", 59, code), -1);
	assert_int_equal(totp_code(NULL, 59, code), -1);
}

static void test_totp_check_window_and_reuse(void **state)
{
	(void)state;
	const int64_t now = 1111111111, step = now / TOTP_STEP;
	char prev[7], cur[7], next[7], far[7];
	assert_int_equal(totp_code(RFC_SECRET, now - TOTP_STEP, prev), 0);
	assert_int_equal(totp_code(RFC_SECRET, now, cur), 0);
	assert_int_equal(totp_code(RFC_SECRET, now + TOTP_STEP, next), 0);
	assert_int_equal(totp_code(RFC_SECRET, now + 2 * TOTP_STEP, far), 0);
	/* The vectors' codes happen to be distinct; the test relies on it. */
	assert_string_not_equal(far, prev);
	assert_string_not_equal(far, cur);
	assert_string_not_equal(far, next);

	assert_int_equal(totp_check(RFC_SECRET, cur, now, 0), step);
	assert_int_equal(totp_check(RFC_SECRET, prev, now, 0), step - 1);
	assert_int_equal(totp_check(RFC_SECRET, next, now, 0), step + 1);
	assert_int_equal(totp_check(RFC_SECRET, far, now, 0), TOTP_WRONG);
	char prev2[7];
	assert_int_equal(totp_code(RFC_SECRET, now - 2 * TOTP_STEP, prev2), 0);
	assert_int_equal(totp_check(RFC_SECRET, prev2, now, 0), TOTP_WRONG);

	/* A code once accepted is refused, and so is an older one. */
	assert_int_equal(totp_check(RFC_SECRET, cur, now, step), TOTP_REUSED);
	assert_int_equal(totp_check(RFC_SECRET, prev, now, step), TOTP_REUSED);
	assert_int_equal(totp_check(RFC_SECRET, next, now, step), step + 1);

	char spaced[8] = {cur[0], cur[1], cur[2], ' ', cur[3], cur[4], cur[5], '\0'};
	assert_int_equal(totp_check(RFC_SECRET, spaced, now, 0), step);
}

static void test_totp_check_refuses_malformed_codes(void **state)
{
	(void)state;
	const int64_t now = 1111111111;
	assert_int_equal(totp_check(RFC_SECRET, "05047a", now, 0), TOTP_WRONG);
	assert_int_equal(totp_check(RFC_SECRET, "50471", now, 0), TOTP_WRONG);
	assert_int_equal(totp_check(RFC_SECRET, "0504710", now, 0), TOTP_WRONG);
	assert_int_equal(totp_check(RFC_SECRET, "-50471", now, 0), TOTP_WRONG);
	assert_int_equal(totp_check(RFC_SECRET, "", now, 0), TOTP_WRONG);
	assert_int_equal(totp_check(RFC_SECRET, NULL, now, 0), TOTP_WRONG);
	assert_int_equal(totp_check("not base32!", "050471", now, 0), TOTP_WRONG);
}

static void test_totp_new_secrets(void **state)
{
	(void)state;
	char a[TOTP_SECRET_CHARS + 1], b[TOTP_SECRET_CHARS + 1];
	totp_new_secret(a);
	totp_new_secret(b);
	assert_int_equal(strlen(a), 32);
	assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 32);
	assert_string_not_equal(a, b);
	char code[TOTP_DIGITS + 1];
	assert_int_equal(totp_code(a, 1700000000, code), 0);
}

static void test_totp_uri(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	totp_uri(RFC_SECRET, "Hearth", "Jo Bloggs:duty", &b);
	assert_string_equal(b.data, "otpauth://totp/Hearth:Jo%20Bloggs%3Aduty?secret=" RFC_SECRET
	                            "&issuer=Hearth&algorithm=SHA1&digits=6&period=30");
	buf_free(&b);
}

/* --- passwords ------------------------------------------------------------ */

static const char *problem(const char *pw)
{
	return password_problem(pw, "jo.bloggs@example.org", "Josephine Bloggs");
}

/* `n` copies of the two-byte "ł": characters are counted, not bytes. */
static char *repeat_l(char *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		memcpy(out + 2 * i, "\xc5\x82", 2);
	out[2 * n] = '\0';
	return out;
}

static void test_password_lengths(void **state)
{
	(void)state;
	char s[2 * 129 + 1];
	assert_string_equal(problem(""), "Enter a password");
	assert_string_equal(problem(NULL), "Enter a password");
	assert_string_equal(problem("tR7!vq2#Lm9"), "Your password must be at least 12 characters long");
	assert_null(problem("tR7!vq2#Lm9z"));
	assert_string_equal(problem(repeat_l(s, 11)), "Your password must be at least 12 characters long");
	assert_null(problem(repeat_l(s, 12)));
	assert_null(problem(repeat_l(s, 128)));
	assert_string_equal(problem(repeat_l(s, 129)), "Your password must be 128 characters or fewer");
	assert_null(problem("correct horse battery"));
	assert_string_equal(problem("tR7!vq2#Lm9z\xff"),
	                    "Your password contains characters that cannot be read; type it again");
}

static void test_password_common_and_personal(void **state)
{
	(void)state;
	const char *common =
	    "This password is too common and easy to guess: choose another one, such as three random words";
	assert_true(password_common_count() >= 10000);
	assert_string_equal(problem("password1234"), common);
	assert_string_equal(problem("PassWord1234"), common);
	assert_string_equal(problem("QWERTYUIOP123"), common);
	assert_true(password_is_common("qwertyuiop123"));
	assert_false(password_is_common("qwertyuiop123 "));
	assert_false(password_is_common("password1234\nx"));
	assert_false(password_is_common(NULL));

	const char *personal = "Your password must not be your name or email address";
	assert_string_equal(problem("JO.BLOGGS@EXAMPLE.ORG"), personal);
	assert_string_equal(problem("josephine bloggs"), personal);
	assert_null(password_problem("jo.bloggs@example.org", NULL, NULL));
}

static void test_password_hash_and_verify(void **state)
{
	(void)state;
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("correct horse battery", h1), 0);
	assert_int_equal(password_hash("correct horse battery", h2), 0);
	assert_int_equal(strncmp(h1, "$argon2id$", 10), 0);
	assert_non_null(strstr(h1, "m=19456,t=2,"));
	assert_string_not_equal(h1, h2); /* each has its own salt */
	assert_true(password_verify(h1, "correct horse battery"));
	assert_true(password_verify(h2, "correct horse battery"));
	assert_false(password_verify(h1, "correct horse batter"));
	assert_false(password_verify(h1, ""));
	assert_false(password_verify(h1, NULL));
	assert_false(password_verify(NULL, "correct horse battery"));
	assert_false(password_verify("garbage", "correct horse battery"));
	assert_false(password_verify("", "correct horse battery"));
	assert_false(password_verify("$argon2id$v=19$m=19456,t=2,p=1$bad", "correct horse battery"));
}

/* --- QR codes ------------------------------------------------------------- */

static void test_qr_svg(void **state)
{
	(void)state;
	const char *uri = "otpauth://totp/Hearth:jo?secret=" RFC_SECRET "&issuer=Hearth";
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	assert_int_equal(qr_svg(uri, "Scan with \"Jo's\" app <now> & then", &a), 0);
	assert_int_equal(qr_svg(uri, "Scan with \"Jo's\" app <now> & then", &b), 0);
	assert_int_equal(strncmp(a.data, "<svg", 4), 0);
	assert_non_null(strstr(a.data, "aria-label=\"Scan with &quot;Jo&#39;s&quot; app &lt;now&gt; &amp; then\""));
	assert_non_null(strstr(a.data, "role=\"img\""));
	assert_non_null(strstr(a.data, "<path fill=\"#000\" d=\"M4 4h7v1h-7z")); /* finder pattern */
	assert_int_equal(strcmp(a.data + a.len - 6, "</svg>"), 0);
	assert_string_equal(a.data, b.data);
	buf_free(&a);
	buf_free(&b);
}

/* --- tokens --------------------------------------------------------------- */

static void test_tokens(void **state)
{
	(void)state;
	char a[TOKEN_CHARS + 1], b[TOKEN_CHARS + 1];
	token_new(a);
	token_new(b);
	assert_int_equal(strlen(a), 43);
	assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), 43);
	assert_string_not_equal(a, b);

	char h[TOKEN_HASH_CHARS + 1];
	token_hash("abc", h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

	assert_true(token_equal(a, a));
	char copy[TOKEN_CHARS + 1];
	memcpy(copy, a, sizeof copy);
	assert_true(token_equal(a, copy));
	assert_false(token_equal(a, b));
	copy[TOKEN_CHARS - 1] = '\0';
	assert_false(token_equal(a, copy)); /* a prefix is not the token */
	assert_false(token_equal(a, NULL));
	assert_false(token_equal(NULL, a));
	assert_false(token_equal(NULL, NULL));
	assert_false(token_equal("", ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_totp_rfc6238_vectors),
		cmocka_unit_test(test_totp_check_window_and_reuse),
		cmocka_unit_test(test_totp_check_refuses_malformed_codes),
		cmocka_unit_test(test_totp_new_secrets),
		cmocka_unit_test(test_totp_uri),
		cmocka_unit_test(test_password_lengths),
		cmocka_unit_test(test_password_common_and_personal),
		cmocka_unit_test(test_password_hash_and_verify),
		cmocka_unit_test(test_qr_svg),
		cmocka_unit_test(test_tokens),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
