/* safety.c — the safety rule (safety.h). The wording of a refusal names
 * the person and the reason, because the coordinator who meets it must be
 * able to act on it without looking anything up. */
#include "safety.h"
#include "vocab.h"

#include <stddef.h>
#include <string.h>

static const char *const WORDS[] = {
	[SEND_INVITATION] = "an invitation",
	[SEND_MEETING_DETAILS] = "the meeting's details",
	[SEND_PLAN] = "the plan",
	[SEND_LETTER] = "letters from the service",
};

const char *safety_send_words(enum safety_send what)
{
	return what <= SEND_LETTER ? WORDS[what] : "anything";
}

static bool restricted(const char *code, enum safety_send what)
{
	if (!code || strcmp(code, "none") == 0)
		return false;
	if (strcmp(code, "no_meeting_details") == 0)
		return what == SEND_INVITATION || what == SEND_MEETING_DETAILS;
	return true; /* no_contact, and any code not known here: refuse rather than risk it */
}

int safety_may_send(const struct safety_facts *p, enum safety_send what, const char *field,
		    struct err *why)
{
	const char *name = p->name && p->name[0] ? p->name : "This person";
	if (p->excluded) {
		const char *reason = p->exclusion_reason ? vocab_title(VOCAB_EXCLUSION_REASON, p->exclusion_reason) : NULL;
		return err_set(why, ERR_INVALID, field,
			       "%s is excluded from the family meeting%s%s, so they cannot be sent %s",
			       name, reason ? ": " : "", reason ? reason : "", safety_send_words(what));
	}
	if (restricted(p->restriction, what))
		return err_set(why, ERR_INVALID, field,
			       "%s cannot be sent %s: their contact restriction says \"%s\"", name,
			       safety_send_words(what), vocab_title(VOCAB_CONTACT_RESTRICTION, p->restriction));
	if (p->deceased)
		return err_set(why, ERR_INVALID, field, "%s has died, so they cannot be sent %s", name,
			       safety_send_words(what));
	return 0;
}

const char *safety_address(const char *owner_id, const char *address, bool confidential,
			   const char *recipient_id)
{
	if (!address || !address[0])
		return NULL;
	if (!confidential)
		return address;
	return owner_id && recipient_id && strcmp(owner_id, recipient_id) == 0 ? address : NULL;
}
