/* cmd_serve.c — `hearth serve`: opens the database, loads the service's
 * configuration and answers HTTP until SIGINT or SIGTERM, then stops
 * cleanly (in-flight requests finish, connections close). */
#include "cli.h"
#include "../store/migrate.h"
#include "../security/password.h"
#include "../util/buf.h"
#include "../mail/mail_worker.h"
#include "../output/mail_message.h"
#include "../web/page.h"
#include "../web/server.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads a whole (small) file: a PEM certificate or key. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < 1024 * 1024)
		buf_append(&b, chunk, n);
	fclose(f);
	buf_append(&b, "", 1);
	return buf_steal(&b);
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
	const char *cert_path = NULL, *key_path = NULL, *origin = NULL, *proxy = NULL;
	const char *smtp_url = NULL, *smtp_user = NULL, *mail_from = NULL, *retry_s = NULL;
	const struct cli_option opts[] = {
		{"--db", "URL", "sqlite:PATH (default " CLI_DEFAULT_DB ") or postgresql://...", &db_url},
		{"--listen", "HOST:PORT", "IPv4 address to listen on (default 127.0.0.1:8080)", &listen},
		{"--threads", "N", "worker threads (default: the number of CPUs)", &threads_s},
		{"--tls-cert", "FILE", "serve HTTPS with this PEM certificate (chain)", &cert_path},
		{"--tls-key", "FILE", "the certificate's PEM private key", &key_path},
		{"--public-origin", "URL", "the address people use, e.g. https://hearth.example.gov.uk, when behind a TLS proxy", &origin},
		{"--proxy", "IP", "the reverse proxy's address: its X-Forwarded-For names the client", &proxy},
		{"--smtp-url", "URL", "send mail through this server: smtp://host:587 or smtps://host:465 (password in HEARTH_SMTP_PASSWORD)", &smtp_url},
		{"--smtp-user", "NAME", "sign in to the mail server as NAME", &smtp_user},
		{"--mail-from", "ADDRESS", "the address mail comes from (default: the service's e-mail in settings)", &mail_from},
		{"--mail-retry-seconds", "N", "first wait before sending a message again after a failure (default 60)", &retry_s},
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
	if ((cert_path == NULL) != (key_path == NULL)) {
		fprintf(stderr, "hearth serve: give both --tls-cert and --tls-key, or neither\n");
		return 2;
	}
	if (origin && strncmp(origin, "https://", 8) != 0 && strncmp(origin, "http://", 7) != 0) {
		fprintf(stderr, "hearth serve: --public-origin must look like https://hearth.example.gov.uk\n");
		return 2;
	}
	char *end = NULL;
	long threads = threads_s ? strtol(threads_s, &end, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1 || threads > 256 || (end && *end)) {
		fprintf(stderr, "hearth serve: --threads must be from 1 to 256\n");
		return 2;
	}

	if (smtp_url && strncmp(smtp_url, "smtp://", 7) != 0 && strncmp(smtp_url, "smtps://", 8) != 0) {
		fprintf(stderr, "hearth serve: --smtp-url must look like smtp://mail.example.gov.uk:587 or smtps://...\n");
		return 2;
	}
	if (mail_from && !mail_address_ok(mail_from)) {
		fprintf(stderr, "hearth serve: --mail-from must be an e-mail address\n");
		return 2;
	}
	long retry = retry_s ? strtol(retry_s, &end, 10) : 60;
	if (retry < 1 || retry > 3600 || (retry_s && *end)) {
		fprintf(stderr, "hearth serve: --mail-retry-seconds must be from 1 to 3600\n");
		return 2;
	}

	const char *missing;
	if (!app_routes_have_rules(&missing)) {
		fprintf(stderr, "hearth serve: the route action \"%s\" has no access rule (domain/access.c)\n", missing);
		return 1;
	}
	if (password_init() != 0) {
		fprintf(stderr, "hearth serve: could not initialise libsodium or the common-password list\n");
		return 1;
	}
	char *cert = NULL, *key = NULL;
	if (cert_path && (!(cert = slurp(cert_path)) || !(key = slurp(key_path)))) {
		fprintf(stderr, "hearth serve: cannot read %s\n", cert ? key_path : cert_path);
		free(cert);
		return 1;
	}
	struct err e = {0};
	struct db_pool *pool = NULL;
	struct app app;
	struct server *srv = NULL;
	/* A connection each for the HTTP threads, one spare, one for the mail worker. */
	if (db_pool_open(db_url, (int)threads + 2, &pool, &e) != 0) {
		fprintf(stderr, "hearth serve: %s\n", e.msg);
		free(cert);
		free(key);
		return 1;
	}
	app_init(&app, pool);
	app.secure = cert || (origin && strncmp(origin, "https://", 8) == 0);
	snprintf(app.public_origin, sizeof app.public_origin, "%s", origin ? origin : "");
	if (strlen(app.public_origin) > 8 && app.public_origin[strlen(app.public_origin) - 1] == '/')
		app.public_origin[strlen(app.public_origin) - 1] = '\0';
	struct db *db = db_pool_get(pool);
	rc = migrate_check(db, &e) == 0 && app_load_config(&app, db, &e) == 0 ? page_load_templates(&app, &e) : -1;
	db_pool_put(pool, db);
	if (rc != 0) {
		fprintf(stderr, "hearth serve: %s\n", e.msg);
		goto out;
	}

	/* Messages come from --mail-from, else the service's own address. */
	const char *service_email = json_string_value(json_object_get(app.service, "email"));
	snprintf(app.mail_from, sizeof app.mail_from, "%s",
		 mail_from ? mail_from : service_email ? service_email : "");
	if (smtp_url && !app.mail_from[0]) {
		fprintf(stderr, "hearth serve: give --mail-from, or set the service's e-mail address in settings\n");
		rc = -1;
		goto out;
	}

	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	/* Blocked before the worker threads start, so only sigwait() sees them. */
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (smtp_url) {
		struct mail_worker_config mc = {{smtp_url, smtp_user, getenv("HEARTH_SMTP_PASSWORD"), app.mail_from},
						 (int)retry, 10};
		if (smtp_global_init() != 0 || mail_worker_start(pool, &mc, &app.mail, &e) != 0) {
			fprintf(stderr, "hearth serve: %s\n", e.msg[0] ? e.msg : "could not start sending mail");
			rc = -1;
			goto out;
		}
		printf("hearth: sending mail through %s as %s\n", smtp_url, app.mail_from);
	}
	struct server_options so = {host, port, (int)threads, cert, key, proxy};
	if (server_start(&app, &so, &srv, &e) != 0) {
		fprintf(stderr, "hearth serve: %s\n", e.msg);
		rc = -1;
		goto out;
	}
	printf("hearth is ready at %s://%s:%d/\n", cert ? "https" : "http", host, port);
	fflush(stdout);
	int sig;
	sigwait(&stop, &sig);
	printf("hearth: stopping\n");
	server_stop(srv);
	rc = 0;
out:
	mail_worker_stop(app.mail);
	app.mail = NULL;
	app_free(&app);
	db_pool_close(pool);
	if (smtp_url)
		smtp_global_cleanup();
	free(cert);
	free(key);
	return rc == 0 ? 0 : 1;
}
