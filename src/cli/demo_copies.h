/* demo_copies.h — `hearth demo --cases N`: a county's or a region's worth of
 * cases, made by copying the demo's own cases (demo_copies.c). */
#ifndef HEARTH_DEMO_COPIES_H
#define HEARTH_DEMO_COPIES_H

#include <stdint.h>
#include "../store/db.h"

/* The demo's staff, whose places the copies give to new teams' staff. */
struct demo_staff {
	char teams[2][33];
	char coordinators[3][33];
	char team_managers[2][33];
	char referrers[2][33];
	const char *referrer_names[2];
};

/* Adds cases until there are `total`: copies of the cases already there
 * (the demo's stories, every one made through the real requests), each
 * with new ids, new names, its own reference and its dates moved. Most
 * copies are finished cases moved back over the years the bank-holiday
 * calendar covers; one in twenty is a current case, moved back a few days.
 * New teams of six staff (a manager, three coordinators, two referrers)
 * take about 500 copies each. `now` is the real now. */
int demo_copies(struct db *db, const struct demo_staff *staff, const char *password_hash,
		long total, int64_t now, struct err *e);

#endif
