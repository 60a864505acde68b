/* mail_queue.h — putting a message in the outbox, inside the transaction
 * of the change that causes it, from the service's settings: the service
 * signs it, replies go to the case's coordinator, and its Message-ID is made
 * once from the outbox row's id. The mail worker sends it after the commit
 * (action_run wakes it); a change rolled back leaves no message behind. */
#ifndef HEARTH_MAIL_QUEUE_H
#define HEARTH_MAIL_QUEUE_H

#include "action.h"
#include "../output/mail_message.h"

struct queued_mail {
	const char *kind;        /* "invitation", "invitation_cancel" */
	const char *meeting_id;  /* may be NULL */
	const char *member_id;   /* the recipient's place on the case; may be NULL */
	const char *to_name, *to_email;
	const char *reply_to_name, *reply_to_email; /* the coordinator; may be NULL */
	const char *subject;
	const char *text;        /* the body, without the service's sign-off */
	const struct mail_attachment *attachment;
	const char *plan_id;     /* the plan it carries; may be NULL */
};

/* Composes the message and queues it for the case of `ctx`; sets
 * ctx->mail_queued. */
int mail_queue(struct action_ctx *ctx, const struct queued_mail *m);

/* The address mail comes from: --mail-from, else the service's e-mail. */
const char *mail_sender(const struct app *app);

/* The service's sign-off: name, then each contact detail on its own line. */
void mail_signature(const json_t *service, struct buf *out);

#endif
