/* audit_chain.h — one record of the audit trail and the hash that chains
 * it to the one before (pure: no I/O).
 *
 * hash = SHA-256 (hex) of a canonical encoding of every field, including
 * seq and prev_hash, each field length-prefixed so that no two different
 * records encode alike. The first record's prev_hash is AUDIT_GENESIS.
 * Editing a record breaks its hash; deleting or inserting one breaks the
 * next record's prev_hash or the run of seq.
 */
#ifndef HEARTH_AUDIT_CHAIN_H
#define HEARTH_AUDIT_CHAIN_H

#include <stdint.h>

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

struct audit_record {
	int64_t seq;
	const char *at;          /* "2026-11-22T10:15:30.123Z" */
	const char *user_id;     /* NULL allowed for these and below */
	const char *role;
	const char *session;
	const char *action;      /* required */
	const char *object;      /* required */
	const char *object_id;
	const char *case_id;
	const char *fields;
	const char *outcome;     /* required */
	const char *break_glass;
	const char *address;
	char prev_hash[65];
	char hash[65];
};

/* Computes r->hash from every other field (NULL and "" encode differently). */
void audit_record_hash(struct audit_record *r);

#endif
