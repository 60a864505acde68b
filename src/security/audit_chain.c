/* audit_chain.c — the canonical encoding and hash of an audit record
 * (audit_chain.h).
 *
 * Encoding: the fields in a fixed order, separated by "\n"; each is "-" when
 * NULL or "<byte length>:<bytes>" otherwise, seq written in decimal first.
 * The length prefix is what makes the encoding unambiguous: a value holding
 * "\n" or "-" cannot pass for a field boundary or a NULL, so no two
 * different records encode alike. The order and format are part of every
 * stored hash: changing them makes every existing trail look tampered with.
 */
#include "audit_chain.h"
#include "../util/buf.h"

#include <inttypes.h>
#include <stdbool.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void put_field(struct buf *b, const char *v, size_t len, bool first)
{
	if (!first)
		buf_append(b, "\n", 1);
	if (!v) {
		buf_append(b, "-", 1);
		return;
	}
	buf_printf(b, "%zu:", len);
	buf_append(b, v, len);
}

static void put(struct buf *b, const char *v)
{
	put_field(b, v, v ? strlen(v) : 0, false);
}

void audit_record_hash(struct audit_record *r)
{
	char seq[24];
	int n = snprintf(seq, sizeof seq, "%" PRId64, r->seq);
	struct buf b;
	buf_init(&b);
	put_field(&b, seq, (size_t)n, true);
	put(&b, r->at);
	put(&b, r->user_id);
	put(&b, r->role);
	put(&b, r->session);
	put(&b, r->action);
	put(&b, r->object);
	put(&b, r->object_id);
	put(&b, r->case_id);
	put(&b, r->fields);
	put(&b, r->outcome);
	put(&b, r->break_glass);
	put(&b, r->address);
	/* A caller may have filled the whole array: never read past it. */
	r->prev_hash[sizeof r->prev_hash - 1] = '\0';
	put(&b, r->prev_hash);

	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)b.data, b.len);
	sodium_bin2hex(r->hash, sizeof r->hash, digest, sizeof digest);
	buf_free(&b);
}
