/* ical.c — a meeting's invitation as iCalendar text (ical.h). */
#include "ical.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ical_method_name(enum ical_method m)
{
	return m == ICAL_CANCEL ? "CANCEL" : "REQUEST";
}

static struct icaltimetype utc(int64_t t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

static char *mailto(const char *email)
{
	size_t n = strlen(email) + 8;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "mailto:%s", email);
	return s;
}

int ical_write(const struct ical_event *ev, struct buf *out, struct err *e)
{
	if (!ev->uid || !ev->organizer_email || !ev->attendee_email || ev->end <= ev->start)
		return err_set(e, ERR_INTERNAL, NULL, "ical_write: an invitation needs a UID, both addresses and an end after its start");
	char *org = mailto(ev->organizer_email), *att = mailto(ev->attendee_email);
	icalcomponent *event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(event, icalproperty_new_uid(ev->uid));
	icalcomponent_add_property(event, icalproperty_new_sequence(ev->sequence));
	icalcomponent_add_property(event, icalproperty_new_dtstamp(utc(ev->stamp)));
	icalcomponent_add_property(event, icalproperty_new_dtstart(utc(ev->start)));
	icalcomponent_add_property(event, icalproperty_new_dtend(utc(ev->end)));
	icalcomponent_add_property(event, icalproperty_new_summary(ev->summary ? ev->summary : "Meeting"));
	if (ev->location && *ev->location)
		icalcomponent_add_property(event, icalproperty_new_location(ev->location));
	if (ev->url && *ev->url)
		icalcomponent_add_property(event, icalproperty_new_url(ev->url));
	if (ev->description && *ev->description)
		icalcomponent_add_property(event, icalproperty_new_description(ev->description));
	icalcomponent_add_property(event, icalproperty_new_status(ev->method == ICAL_CANCEL ? ICAL_STATUS_CANCELLED
											 : ICAL_STATUS_CONFIRMED));
	icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
	icalproperty *o = icalproperty_new_organizer(org);
	if (ev->organizer_name)
		icalproperty_add_parameter(o, icalparameter_new_cn(ev->organizer_name));
	icalcomponent_add_property(event, o);
	icalproperty *a = icalproperty_new_attendee(att);
	if (ev->attendee_name)
		icalproperty_add_parameter(a, icalparameter_new_cn(ev->attendee_name));
	icalproperty_add_parameter(a, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
	icalproperty_add_parameter(a, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
	/* Answers come to the coordinator in conversation, not as calendar replies. */
	icalproperty_add_parameter(a, icalparameter_new_rsvp(ICAL_RSVP_FALSE));
	icalcomponent_add_property(event, a);

	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//hearth//Family group conferences//EN"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ev->method == ICAL_CANCEL ? ICAL_METHOD_CANCEL
											: ICAL_METHOD_REQUEST));
	icalcomponent_add_component(cal, event);
	char *text = icalcomponent_as_ical_string_r(cal);
	int rc = 0;
	if (text)
		buf_puts(out, text);
	else
		rc = err_set(e, ERR_INTERNAL, NULL, "libical could not write the invitation: %s",
			     icalerror_strerror(icalerrno));
	icalmemory_free_buffer(text);
	icalcomponent_free(cal);
	free(org);
	free(att);
	return rc;
}
