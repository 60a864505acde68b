/* cmd_serve.c — `hearth serve`: opens the database, loads the service's
 * configuration and answers HTTP until SIGINT or SIGTERM, then stops
 * cleanly (in-flight requests finish, connections close). */
#include "cli.h"
#include "../store/migrate.h"
#include "../web/server.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Until sign-in exists, nobody but this machine may connect. */
static bool is_loopback(const char *host)
{
	return strncmp(host, "127.", 4) == 0;
}

static int split_listen(const char *listen, char *host, size_t n, int *port)
{
	const char *colon = strrchr(listen, ':');
	if (!colon || colon == listen || (size_t)(colon - listen) >= n)
		return -1;
	snprintf(host, n, "%.*s", (int)(colon - listen), listen);
	char *end;
	if (colon[1] < '0' || colon[1] > '9')
		return -1;
	long p = strtol(colon + 1, &end, 10);
	if (*end || p < 1 || p > 65535)
		return -1;
	*port = (int)p;
	return 0;
}

int cli_serve(int argc, char **argv)
{
	const char *db_url = CLI_DEFAULT_DB, *listen = "127.0.0.1:8080", *threads_s = NULL;
	const struct cli_option opts[] = {
		{"--db", "URL", "sqlite:PATH (default " CLI_DEFAULT_DB ") or postgresql://...", &db_url},
		{"--listen", "HOST:PORT", "address to listen on (default 127.0.0.1:8080; loopback only)", &listen},
		{"--threads", "N", "worker threads (default: the number of CPUs)", &threads_s},
		{NULL}};
	int rc = cli_parse(argc, argv, "usage: hearth serve [options]\n\nRun the hearth web server.", opts);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	char host[64];
	int port;
	if (split_listen(listen, host, sizeof host, &port) != 0) {
		fprintf(stderr, "hearth serve: --listen must look like 127.0.0.1:8080\n");
		return 2;
	}
	if (!is_loopback(host)) {
		fprintf(stderr, "hearth serve: until sign-in is in place hearth listens on loopback only (127.x.x.x), not %s\n", host);
		return 2;
	}
	char *end = NULL;
	long threads = threads_s ? strtol(threads_s, &end, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1 || threads > 256 || (end && *end)) {
		fprintf(stderr, "hearth serve: --threads must be from 1 to 256\n");
		return 2;
	}

	struct err e = {0};
	struct db_pool *pool = NULL;
	struct app app;
	struct server *srv = NULL;
	if (db_pool_open(db_url, (int)threads + 1, &pool, &e) != 0) {
		fprintf(stderr, "hearth serve: %s\n", e.msg);
		return 1;
	}
	app_init(&app, pool);
	struct db *db = db_pool_get(pool);
	rc = migrate_check(db, &e) == 0 ? app_load_config(&app, db, &e) : -1;
	db_pool_put(pool, db);
	if (rc != 0) {
		fprintf(stderr, "hearth serve: %s\n", e.msg);
		goto out;
	}

	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	/* Blocked before the worker threads start, so only sigwait() sees them. */
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (server_start(&app, host, port, (int)threads, &srv, &e) != 0) {
		fprintf(stderr, "hearth serve: %s\n", e.msg);
		rc = -1;
		goto out;
	}
	printf("hearth is ready at http://%s:%d/\n", host, port);
	fflush(stdout);
	int sig;
	sigwait(&stop, &sig);
	printf("hearth: stopping\n");
	server_stop(srv);
	rc = 0;
out:
	app_free(&app);
	db_pool_close(pool);
	return rc == 0 ? 0 : 1;
}
