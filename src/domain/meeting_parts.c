/* meeting_parts.c — the times of a family meeting's three parts (meeting_parts.h). */
#include "meeting_parts.h"
#include "datetime.h"
#include "form.h"

#include <stdio.h>

const char *const MEETING_PART_FIELDS[6] = {"sharing_from", "sharing_to", "private_from",
					   "private_to",   "plan_from",  "plan_to"};
static const char *const PART_NAMES[3] = {"the information sharing", "the private family time",
					  "agreeing the plan"};

int meeting_parts_check(const json_t *in, bool plan_made, json_t *errors)
{
	int n = 0, at[6], have[6], bad[6];
	for (int i = 0; i < 6; i++) {
		const char *s = form_str(in, MEETING_PART_FIELDS[i]);
		have[i] = s != NULL;
		bad[i] = 0;
		if (s && dt_parse_hhmm(s, &at[i]) != 0) {
			char msg[160];
			snprintf(msg, sizeof msg, "Enter the time %s %s like 18:30", i % 2 ? "of the end of" : "of the start of",
				 PART_NAMES[i / 2]);
			form_error(errors, MEETING_PART_FIELDS[i], msg);
			bad[i] = 1;
			n++;
		}
	}
	/* Every part is checked, so every mistake shows at once; a part with a
	 * time that could not be read is left out of the comparisons. */
	int last_end = -1;
	const char *last_part = NULL;
	for (int p = 0; p < 3; p++) {
		int from = 2 * p, to = 2 * p + 1;
		char msg[200];
		if (bad[from] || bad[to])
			continue;
		if (have[from] != have[to]) {
			snprintf(msg, sizeof msg, "Enter when %s %s as well, or neither time", PART_NAMES[p],
				 have[from] ? "ended" : "started");
			form_error(errors, MEETING_PART_FIELDS[have[from] ? to : from], msg);
			n++;
			continue;
		}
		if (!have[from])
			continue;
		if (p == 2 && !plan_made) {
			form_error(errors, MEETING_PART_FIELDS[from], "Leave the times of agreeing the plan empty: the family did not make a plan");
			n++;
			continue;
		}
		if (at[to] <= at[from]) {
			snprintf(msg, sizeof msg, "The end of %s must be after its start", PART_NAMES[p]);
			form_error(errors, MEETING_PART_FIELDS[to], msg);
			n++;
			continue;
		}
		if (last_part && at[from] < last_end) {
			snprintf(msg, sizeof msg, "%s cannot start before %s ended", PART_NAMES[p], last_part);
			msg[0] = (char)(msg[0] - 'a' + 'A');
			form_error(errors, MEETING_PART_FIELDS[from], msg);
			n++;
		}
		last_end = at[to];
		last_part = PART_NAMES[p];
	}
	return n;
}
