/* settings_store.h — service settings (key -> JSON text) and the
 * bank-holiday calendars. */
#ifndef HEARTH_SETTINGS_STORE_H
#define HEARTH_SETTINGS_STORE_H

#include "db.h"
#include "../domain/calendar.h"

/* *out is a malloc'd string, or NULL when the key is not set. */
int settings_get(struct db *db, const char *key, char **out, struct err *e);
int settings_put(struct db *db, const char *key, const char *value, struct err *e);

/* Fills a calendar (already cal_init'ed with its nation) from the database. */
int holidays_load(struct db *db, struct calendar *cal, struct err *e);

#endif
