/* network.c — rules for people and relationships (network.h). Messages
 * follow the GOV.UK pattern: say what to do, name the field. */
#include "network.h"
#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int network_is_partner(const char *kind)
{
	return kind && strncmp(kind, "partner_", 8) == 0;
}

void network_check_person(const json_t *in, const char *today, json_t *errors)
{
	const char *dob = form_str(in, "dob");
	long this_year = strtol(today, NULL, 10);
	if (dob && strcmp(dob, today) > 0)
		form_error(errors, "dob", "Date of birth must be today or in the past");
	if (dob && form_has(in, "approx_age"))
		form_error(errors, "approx_age", "Give either a date of birth or an approximate age, not both");
	long died = form_int(in, "death_year", 0);
	if (died && !form_bool(in, "deceased"))
		form_error(errors, "death_year", "Give a year of death only for someone who has died");
	if (died > this_year)
		form_error(errors, "death_year", "Year of death must be this year or earlier");
	if (died && dob && died < strtol(dob, NULL, 10))
		form_error(errors, "death_year", "Year of death must be the same as or after the year of birth");
	const char *interp = form_str(in, "interpreter");
	if (interp && strcmp(interp, "none") != 0 && !form_str(in, "interpreter_language"))
		form_error(errors, "interpreter_language", "Enter the language or sign language the interpreter is needed for");
	const char *r = form_str(in, "contact_restriction");
	if (r && strcmp(r, "none") != 0 && !form_str(in, "contact_restriction_note"))
		form_error(errors, "contact_restriction_note",
			   "Enter what the contact restriction is based on, such as a court order and its date");
}

void network_check_relationship(const json_t *in, const char *reverse_kind, json_t *errors)
{
	const char *a = form_str(in, "a"), *b = form_str(in, "b"), *kind = form_str(in, "kind");
	if (a && b && strcmp(a, b) == 0)
		form_error(errors, "b", "Choose two different people");
	long from = form_int(in, "start_year", 0), to = form_int(in, "end_year", 0);
	if ((from || to) && !network_is_partner(kind))
		form_error(errors, "start_year", "Years are recorded only for partners");
	if (from && to && to < from)
		form_error(errors, "end_year", "The year they separated must be the same as or after the year they got together");
	if (to && kind && (strcmp(kind, "partner_married") == 0 || strcmp(kind, "partner_cohabiting") == 0 ||
			   strcmp(kind, "partner_dating") == 0))
		form_error(errors, "end_year", "An end year is for partners who have separated or divorced");
	if ((form_str(in, "agency") || form_str(in, "professional_role")) && kind &&
	    strcmp(kind, "professional") != 0)
		form_error(errors, "agency", "An agency and role are recorded only for professionals");
	if (kind && strcmp(kind, "professional") == 0 && !form_str(in, "agency"))
		form_error(errors, "agency", "Enter the professional's agency, such as the school or the council");
	if (reverse_kind && reverse_kind[0])
		form_error(errors, "b", "These two people already have a relationship recorded: remove it first to record a different one");
}
