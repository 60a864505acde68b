/* invitations.c — which invitation message a person is owed (invitations.h). */
#include "invitations.h"

#include <stddef.h>

enum invite_message invitation_owed(const struct invitee *p, enum invite_change change)
{
	struct err why = {0};
	if (!p->has_email || safety_may_send(&p->facts, SEND_MEETING_DETAILS, NULL, &why) != 0)
		return INVITE_NOTHING;
	switch (change) {
	case INVITE_MEETING_ARRANGED:
		return p->invited ? INVITE_REQUEST : p->holds_invitation ? INVITE_CANCEL : INVITE_NOTHING;
	case INVITE_LIST_CHANGED:
		if (p->invited && !p->holds_invitation)
			return INVITE_REQUEST;
		return !p->invited && p->holds_invitation ? INVITE_CANCEL : INVITE_NOTHING;
	case INVITE_MEETING_CANCELLED:
		return p->holds_invitation ? INVITE_CANCEL : INVITE_NOTHING;
	}
	return INVITE_NOTHING;
}
