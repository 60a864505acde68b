/* server.h — the HTTP listener (libmicrohttpd behind our own types). */
#ifndef HEARTH_SERVER_H
#define HEARTH_SERVER_H

#include "app.h"

struct server;

/* Listens on host:port with `threads` worker threads; returns at once. */
int server_start(struct app *app, const char *host, int port, int threads, struct server **out,
		 struct err *e);
void server_stop(struct server *s);

#endif
