/* auth.c — identifying the person behind a request (auth.h). */
#include "auth.h"
#include "../util/utf8.h"
#include "../domain/access.h"
#include "../domain/datetime.h"
#include "../store/session_store.h"
#include "../store/token_store.h"
#include "../store/user_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* last_seen_at is written at most this often, so reads stay reads. */
#define TOUCH_EVERY 60

static const char COOKIE[] = "hearth_session";
static const char COOKIE_SECURE[] = "__Host-hearth_session";

unsigned auth_roles(const char *codes)
{
	long bits = role_bits(codes);
	return bits < 0 ? 0 : (unsigned)bits;
}

/* The value of cookie `name` in a Cookie header, copied into out. */
static bool cookie_value(const char *header, const char *name, char *out, size_t n)
{
	size_t len = strlen(name);
	for (const char *p = header; p && *p;) {
		p += strspn(p, " ;");
		if (strncmp(p, name, len) == 0 && p[len] == '=') {
			const char *v = p + len + 1;
			size_t vlen = strcspn(v, ";");
			if (vlen == 0 || vlen >= n)
				return false;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return true;
		}
		p = strchr(p, ';');
	}
	return false;
}

static bool older_than(const char *iso, int64_t now, int64_t seconds)
{
	int64_t t;
	return dt_parse_datetime(iso, &t) != 0 || t + seconds < now;
}

static int from_user(struct db *db, const char *user_id, struct principal *who, bool *ok, struct err *e)
{
	struct user_auth u;
	bool found;
	*ok = false;
	if (user_auth_by_id(db, user_id, &u, &found, e) != 0)
		return -1;
	if (found && u.active) {
		snprintf(who->user_id, sizeof who->user_id, "%s", u.id);
		snprintf(who->team_id, sizeof who->team_id, "%s", u.team_id ? u.team_id : "");
		snprintf(who->name, sizeof who->name, "%s", u.name ? u.name : "");
		utf8_trim(who->name);
		who->roles = auth_roles(u.roles);
		*ok = true;
	}
	if (found)
		user_auth_free(&u);
	return 0;
}

static int by_token(struct db *db, const struct request *req, const char *token, struct principal *who,
		    struct err *e)
{
	char hash[TOKEN_HASH_CHARS + 1], now[21];
	struct apitoken_row t;
	bool found, ok;
	token_hash(token, hash);
	if (apitoken_find(db, hash, &t, &found, e) != 0)
		return -1;
	if (!found || t.revoked)
		return 0;
	if (from_user(db, t.user_id, who, &ok, e) != 0)
		return -1;
	if (!ok)
		return 0;
	/* A token acts with the roles it was given that its user still holds. */
	who->roles &= auth_roles(t.roles);
	who->via = VIA_TOKEN;
	who->signed_in = true;
	snprintf(who->audit_session, sizeof who->audit_session, "token:%s", t.id);
	if (!t.last_used_at[0] || older_than(t.last_used_at, req->now, TOUCH_EVERY)) {
		dt_format_utc(req->now, now);
		return apitoken_touch(db, t.id, now, e);
	}
	return 0;
}

static int by_session(struct app *app, struct db *db, const struct request *req, const char *token,
		      struct principal *who, struct err *e)
{
	char hash[TOKEN_HASH_CHARS + 1], now[21];
	struct session_row s;
	bool found, ok, ended;
	token_hash(token, hash);
	if (session_find(db, hash, &s, &found, e) != 0)
		return -1;
	if (!found)
		return 0;
	who->expired = true;
	snprintf(who->ended_reason, sizeof who->ended_reason, "%s", s.ended_reason);
	if (s.ended)
		return 0;
	dt_format_utc(req->now, now);
	const char *why = NULL;
	if (older_than(s.created_at, req->now, (int64_t)app->security.absolute_hours * 3600))
		why = "expired";
	else if (older_than(s.last_seen_at, req->now, (int64_t)app->security.idle_minutes * 60))
		why = "idle";
	if (why) {
		snprintf(who->ended_reason, sizeof who->ended_reason, "%s", why);
		return session_end(db, s.id, s.user_id, why, now, &ended, e);
	}
	if (from_user(db, s.user_id, who, &ok, e) != 0)
		return -1;
	if (!ok)
		return 0;
	who->expired = false;
	who->via = VIA_SESSION;
	snprintf(who->session_id, sizeof who->session_id, "%s", s.id);
	snprintf(who->audit_session, sizeof who->audit_session, "%s", hash);
	snprintf(who->csrf, sizeof who->csrf, "%s", s.csrf);
	snprintf(who->second_factor, sizeof who->second_factor, "%s", s.second_factor);
	/* "enrol" only holds someone back while the setting requires a second factor. */
	who->signed_in = strcmp(s.second_factor, "done") == 0 ||
			 (strcmp(s.second_factor, "enrol") == 0 && !app->security.second_factor_required);
	if (older_than(s.last_seen_at, req->now, TOUCH_EVERY))
		return session_touch(db, s.id, now, e);
	return 0;
}

int auth_identify(struct app *app, struct db *db, const struct request *req, struct principal *who,
		  struct err *e)
{
	char token[TOKEN_CHARS + 8];
	const char *a = req->authorization;
	if (a && strncmp(a, "Bearer ", 7) == 0) {
		const char *t = a + 7;
		if (strlen(t) != TOKEN_CHARS)
			return 0;
		return by_token(db, req, t, who, e);
	}
	if (cookie_value(req->cookie, app->secure ? COOKIE_SECURE : COOKIE, token, sizeof token) &&
	    strlen(token) == TOKEN_CHARS)
		return by_session(app, db, req, token, who, e);
	return 0;
}

void auth_set_cookie(const struct app *app, struct response *res, const char *token)
{
	static __thread char header[200];
	const char *name = app->secure ? COOKIE_SECURE : COOKIE;
	if (token)
		snprintf(header, sizeof header, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", name, token,
			 app->secure ? "; Secure" : "");
	else
		snprintf(header, sizeof header, "%s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s", name,
			 app->secure ? "; Secure" : "");
	http_header(res, "Set-Cookie", header);
}

void auth_expected_origin(const struct app *app, const struct request *req, char *out, size_t n)
{
	if (app->public_origin[0])
		snprintf(out, n, "%s", app->public_origin);
	else
		snprintf(out, n, "%s://%s", app->secure ? "https" : "http", req->host ? req->host : "");
}

void principal_free(struct principal *who)
{
	free(who->break_glass);
	who->break_glass = NULL;
}
