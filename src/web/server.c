/* server.c — the only file that knows libmicrohttpd.
 *
 * It reads a whole request (refusing bodies over HTTP_MAX_BODY), turns it
 * into a struct request, lets the router answer it, and sends the struct
 * response with the security headers every answer carries. libmicrohttpd
 * calls the handler several times per request: the first call only sets up
 * state, the middle ones deliver the body, and the answer is queued on the
 * last one — answering earlier makes it close the connection every time.
 */
#include "server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../util/utf8.h"

struct server {
	struct MHD_Daemon *daemon;
	struct app *app;
	char proxy[48]; /* the reverse proxy's address, whose X-Forwarded-For is believed */
	char public_host[256];
};

struct conn_state {
	struct buf body;
	bool too_large;
};


static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	(void)kind;
	struct request *req = cls;
	if (req->nquery < HTTP_MAX_QUERY)
		req->query[req->nquery++] = (struct kv){key, value ? value : ""};
	return MHD_YES;
}

/* A page on another site could reach hearth through a DNS name of its own
 * pointed at hearth's address (DNS rebinding), so only requests addressed
 * to an IP literal, localhost, or the configured public name are answered. */
static bool host_allowed(const struct server *srv, const char *host)
{
	if (!host)
		return false;
	if (srv->public_host[0] && strcmp(host, srv->public_host) == 0)
		return true;
	char name[64];
	size_t n = strcspn(host, ":");
	if (host[0] == '[') /* [::1]:port */
		return strncmp(host, "[::1]", 5) == 0;
	if (n == 0 || n >= sizeof name)
		return false;
	memcpy(name, host, n);
	name[n] = '\0';
	struct in_addr a;
	return strcmp(name, "localhost") == 0 || inet_pton(AF_INET, name, &a) == 1;
}

static bool request_is_utf8(const struct request *req)
{
	if (!utf8_valid(req->path))
		return false;
	for (int i = 0; i < req->nquery; i++)
		if (!utf8_valid(req->query[i].key) || !utf8_valid(req->query[i].value))
			return false;
	return true;
}

static void add_security_headers(struct MHD_Response *r, bool secure, bool cache_set)
{
	if (secure)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	/* Addresses hold case ids: never sent to another site. (Not
	 * "no-referrer": browsers then send form posts with "Origin: null",
	 * which the CSRF check must refuse.) */
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	/* Everything here is personal data about children: never cache it
	 * (only the stylesheet and scripts say otherwise). */
	if (!cache_set)
		MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct response *res, bool secure)
{
	size_t len = http_body_text(res)->len;
	char *body = buf_steal(&res->body);
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(body);
		return MHD_NO;
	}
	if (res->content_type)
		MHD_add_response_header(r, "Content-Type", res->content_type);
	bool cache_set = false;
	for (int i = 0; i < res->nheaders; i++) {
		MHD_add_response_header(r, res->headers[i].key, res->headers[i].value);
		cache_set |= strcmp(res->headers[i].key, "Cache-Control") == 0;
	}
	add_security_headers(r, secure, cache_set);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, r);
	MHD_destroy_response(r);
	return ok;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* The client's address; behind the configured proxy, the address the
 * proxy saw (the last entry of X-Forwarded-For, which the proxy appends). */
static void client_address(const struct server *srv, struct MHD_Connection *c, char *out, size_t n)
{
	out[0] = '\0';
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out, (socklen_t)n);
	const char *xff = header(c, "X-Forwarded-For");
	if (srv->proxy[0] && xff && strcmp(out, srv->proxy) == 0) {
		const char *last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		last += strspn(last, " ");
		size_t len = strcspn(last, " ");
		if (len > 0 && len < n) {
			memcpy(out, last, len);
			out[len] = '\0';
		}
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)version;
	struct server *srv = cls;
	struct conn_state *st = *con_cls;
	if (!st) {
		st = xcalloc(1, sizeof *st);
		buf_init(&st->body);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > HTTP_MAX_BODY)
			st->too_large = true;
		*con_cls = st;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!st->too_large && st->body.len + *upload_size > HTTP_MAX_BODY)
			st->too_large = true;
		if (!st->too_large)
			buf_append(&st->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}

	struct request req;
	memset(&req, 0, sizeof req);
	req.method = method;
	req.path = url;
	req.body = st->body.data ? st->body.data : "";
	req.body_len = st->body.len;
	req.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	req.accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
	req.now = (int64_t)time(NULL);
	req.cookie = header(c, "Cookie");
	req.authorization = header(c, "Authorization");
	req.origin = header(c, "Origin");
	req.referer = header(c, "Referer");
	req.user_agent = header(c, "User-Agent");
	req.host = header(c, "Host");
	req.fetch_site = header(c, "Sec-Fetch-Site");
	req.csrf_token = header(c, "X-CSRF-Token");
	client_address(srv, c, req.address, sizeof req.address);
	int nargs = MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_query, &req);

	struct response res;
	http_response_init(&res);
	if (!host_allowed(srv, req.host))
		http_error(&res, 421, NULL, "This server only answers requests addressed to it by IP address or as localhost.");
	else if (st->too_large)
		http_error(&res, 413, NULL, "The request is too large: the limit is 1 MB.");
	else if (nargs > HTTP_MAX_QUERY)
		http_error(&res, 414, NULL, "The address has too many parameters.");
	else if (!request_is_utf8(&req))
		http_error(&res, 400, NULL, "The address contains characters that are not valid UTF-8 text.");
	else
		app_dispatch(srv->app, &req, &res);
	enum MHD_Result ok = send_response(c, &res, srv->app->secure);
	http_response_free(&res);
	return ok;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)c, (void)toe;
	struct conn_state *st = *con_cls;
	if (st) {
		buf_free(&st->body);
		free(st);
		*con_cls = NULL;
	}
}

int server_start(struct app *app, const struct server_options *o, struct server **out, struct err *e)
{
	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, o->host, &addr.sin_addr) != 1)
		return err_set(e, ERR_INVALID, "listen", "\"%s\" is not an IPv4 address.", o->host);
	struct server *s = xcalloc(1, sizeof *s);
	s->app = app;
	snprintf(s->proxy, sizeof s->proxy, "%s", o->proxy ? o->proxy : "");
	/* "https://name:port" -> "name:port", as browsers send it in Host. */
	const char *h = strstr(app->public_origin, "://");
	snprintf(s->public_host, sizeof s->public_host, "%s", h ? h + 3 : "");
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	if (o->tls_cert)
		flags |= MHD_USE_TLS;
	s->daemon = MHD_start_daemon(
		flags, (uint16_t)o->port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
		(struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		o->tls_cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, o->tls_cert,
		MHD_OPTION_HTTPS_MEM_KEY, o->tls_key, MHD_OPTION_END);
	if (!s->daemon) {
		free(s);
		return err_set(e, ERR_INTERNAL, "listen",
			       o->tls_cert ? "Could not listen on %s:%d (is the port in use, or the certificate and key not a matching PEM pair?)."
					   : "Could not listen on %s:%d (is the port already in use?).",
			       o->host, o->port);
	}
	*out = s;
	return 0;
}

void server_stop(struct server *s)
{
	if (!s)
		return;
	MHD_stop_daemon(s->daemon);
	free(s);
}
