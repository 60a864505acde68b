/* meeting_mail.h — e-mailed invitations to a meeting, with their calendar
 * event, kept in line with the meeting and the invitation list.
 *
 * Called inside a change's transaction, after it has written: arranging or
 * rearranging a meeting, changing the invitation list, closing a case with
 * a meeting still to come. Who is owed what is domain/invitations.c's
 * decision (the safety rule included); this file reads the records,
 * writes the words and the .ics, and queues one message per person. The
 * words carry when and where, who to contact, and nothing about the case.
 */
#ifndef HEARTH_MEETING_MAIL_H
#define HEARTH_MEETING_MAIL_H

#include "action.h"
#include "../domain/invitations.h"

/* For the pending meeting of `kind` ("family" or "review"); none pending
 * is nothing to do. `meeting_id` names a meeting already cancelled (may be
 * NULL otherwise). */
int meeting_mail_sync(struct action_ctx *ctx, const char *kind, const char *meeting_id,
		      enum invite_change change);

/* Where a meeting is, in words for people: the venue as written, with its
 * address and access notes when it is one of the service's venues. */
int meeting_place_words(struct db *db, const json_t *meeting, char *out, size_t n, struct err *e);

#endif
