/* mail_queue.c — putting a message in the outbox (mail_queue.h). */
#include "mail_queue.h"
#include "../store/outbox_store.h"
#include "../util/ids.h"

#include <stdio.h>
#include <string.h>

void mail_signature(const json_t *service, struct buf *out)
{
	static const char *const KEYS[] = {"name", "address", "phone", "email", "website"};
	for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
		const char *v = form_str(service, KEYS[i]);
		if (v)
			buf_printf(out, "%s\n", v);
	}
}

const char *mail_sender(const struct app *app)
{
	const char *from = app->mail_from[0] ? app->mail_from : form_str(app->service, "email");
	/* Without either, a message still waits in the outbox, visible on the
	 * case, rather than the change that caused it failing. */
	return from ? from : "hearth@localhost";
}

int mail_queue(struct action_ctx *ctx, const struct queued_mail *m)
{
	const struct app *app = ctx->app;
	const char *from = mail_sender(app);
	char id[33], message_id[400];
	ids_new(id);
	snprintf(message_id, sizeof message_id, "%s@%s", id, mail_domain(from));
	struct buf text, msg;
	buf_init(&text);
	buf_init(&msg);
	buf_printf(&text, "%s\n", m->text);
	mail_signature(app->service, &text);
	struct mail_message mm = {
		.from_name = form_str(app->service, "name"),
		.from_email = from,
		.reply_to_name = m->reply_to_email ? m->reply_to_name : NULL,
		.reply_to_email = m->reply_to_email,
		.to_name = m->to_name,
		.to_email = m->to_email,
		.subject = m->subject,
		.message_id = message_id,
		.date = ctx->req->now,
		.text = text.data,
		.attachment = m->attachment,
	};
	int rc = mail_message_write(&mm, &msg, &ctx->err);
	if (rc == 0) {
		struct outbox_new row = {id, ctx->case_id, m->meeting_id, m->member_id, m->kind, m->to_name,
					 m->to_email, m->subject, message_id, msg.data, m->plan_id};
		rc = outbox_add(ctx->db, &row, ctx->now, &ctx->err);
	}
	if (rc == 0)
		ctx->mail_queued = true;
	buf_free(&text);
	buf_free(&msg);
	return rc;
}
