/* invitations.h — which invitation message a person is owed when a meeting
 * is arranged, rearranged or cancelled, or the invitation list changes.
 *
 * One meeting is one calendar event (output/ical.h). A person who holds an
 * e-mailed invitation is sent the new version when the meeting moves and a
 * cancellation when it is called off or they are taken off the list; a
 * person newly on the list is sent the invitation. Someone the safety rule
 * protects others from (safety.h: excluded, restricted, died) is sent
 * nothing at all, not even a cancellation: it would carry the meeting's
 * time and place, so the coordinator tells them in person. Someone without
 * an e-mail address is sent a printed letter instead. Pure.
 */
#ifndef HEARTH_INVITATIONS_H
#define HEARTH_INVITATIONS_H

#include <stdbool.h>
#include "safety.h"

enum invite_change {
	INVITE_MEETING_ARRANGED, /* first arranged, or moved: a new version for everyone invited */
	INVITE_LIST_CHANGED,     /* people put on or taken off the invitation list */
	INVITE_MEETING_CANCELLED
};

enum invite_message { INVITE_NOTHING = 0, INVITE_REQUEST, INVITE_CANCEL };

struct invitee {
	bool invited;          /* on the invitation list now */
	bool has_email;
	bool holds_invitation; /* was e-mailed this meeting's invitation and not cancelled since */
	struct safety_facts facts;
};

enum invite_message invitation_owed(const struct invitee *p, enum invite_change change);

#endif
