/* throttle.c — the arithmetic and words of throttling (throttle.h). */
#include "throttle.h"
#include "datetime.h"

#include <stdio.h>

int64_t throttle_until(long failures, int64_t oldest, long limit, int64_t now)
{
	if (failures < limit)
		return 0;
	int64_t until = oldest + THROTTLE_WINDOW;
	return until > now ? until : 0;
}

void throttle_message(int for_account, int64_t until, int64_t now, char *out, size_t n)
{
	int64_t local = dt_utc_to_london(until);
	int hh = (int)((local % 86400 + 86400) % 86400 / 3600), mm = (int)((local % 3600 + 3600) % 3600 / 60);
	int64_t minutes = (until - now + 59) / 60;
	char in[40];
	if (minutes <= 1)
		snprintf(in, sizeof in, "in a minute");
	else
		snprintf(in, sizeof in, "in %lld minutes", (long long)minutes);
	if (for_account)
		snprintf(out, n,
			 "There have been too many wrong attempts to sign in to this account, so signing in is "
			 "paused to keep it safe. Try again after %02d:%02d (%s). If you have forgotten your "
			 "password, ask an administrator to reset it.", hh, mm, in);
	else
		snprintf(out, n,
			 "There have been too many wrong attempts to sign in from your network, so signing in "
			 "from it is paused. Try again after %02d:%02d (%s).", hh, mm, in);
}
