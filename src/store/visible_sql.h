/* visible_sql.h — the SQL condition for the cases a person may see in a
 * list (domain/access.h): every case, or those allocated to them, referred
 * by them, or owned by their team. Shared by the store files that list
 * across cases, so the rule is written once. The case table is `c`. */
#ifndef HEARTH_VISIBLE_SQL_H
#define HEARTH_VISIBLE_SQL_H

#define CASE_VISIBLE_SQL(all, coordinator, referrer, team) \
	"(" all " = '1' OR " CASE_SEEN_SQL(coordinator, referrer, team) ")"
/* The same for someone who does not see every case: written as three index
 * lookups rather than an OR, which the planner would answer by reading
 * every case. */
#define CASE_SEEN_SQL(coordinator, referrer, team)                                                  \
	"c.id IN (SELECT id FROM cases WHERE coordinator_id = " coordinator                          \
	" UNION ALL SELECT id FROM cases WHERE referrer_user_id = " referrer                        \
	" UNION ALL SELECT id FROM cases WHERE team_id = " team ")"

#endif
