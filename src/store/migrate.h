/* migrate.h — bringing a database up to the schema this binary expects. */
#ifndef HEARTH_MIGRATE_H
#define HEARTH_MIGRATE_H

#include "db.h"

/* Applies every embedded migration not yet applied, each in its own
 * transaction, then loads the shipped bank-holiday calendars (adding only
 * dates not already there). *applied counts the migrations run now. */
int migrate_apply(struct db *db, int *applied, struct err *e);
/* Whether every embedded migration has been applied (0 yes, -1 with a
 * message telling the operator to run `hearth migrate`). */
int migrate_check(struct db *db, struct err *e);

#endif
