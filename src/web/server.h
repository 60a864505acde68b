/* server.h — the HTTP listener (libmicrohttpd behind our own types). */
#ifndef HEARTH_SERVER_H
#define HEARTH_SERVER_H

#include "app.h"

struct server;

struct server_options {
	const char *host; /* IPv4 address to listen on */
	int port;
	int threads;
	const char *tls_cert, *tls_key; /* PEM text, or NULL for plain HTTP */
	const char *proxy;              /* the reverse proxy's IP address, or NULL */
};

/* Listens with `threads` worker threads; returns at once. */
int server_start(struct app *app, const struct server_options *o, struct server **out, struct err *e);
void server_stop(struct server *s);

#endif
