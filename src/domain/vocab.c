/* vocab.c — the service's fixed lists (vocab.h). Wording follows the
 * Blackpool procedure and the Central Bedfordshire leaflet. */
#include "vocab.h"

#include <stddef.h>
#include <string.h>

#define MAXV 16

struct list {
	const char *codes[MAXV + 1]; /* NULL-terminated */
	const char *titles[MAXV];
};

static const struct list lists[VOCAB_COUNT] = {
	[VOCAB_REASON_CATEGORY] = {
		{"prevent_care", "child_protection_plan", "child_in_need", "return_home", "child_voice",
		 "neglect", "disability_care_plan", "parental_illness", "kinship_care", "school_attendance",
		 "separation", NULL},
		{"Prevent a child entering care", "Support a child protection plan",
		 "Stop a child in need plan escalating", "Support a return home", "Give the child a voice",
		 "Neglect", "Care plan for a child with a disability", "A parent's illness or disability",
		 "Relatives caring for the child (kinship care)", "School attendance",
		 "Separation and co-parenting"}},
	[VOCAB_PERSON_ROLE] = {
		{"child", "parent", "carer", "relative", "friend", "professional", "other", NULL},
		{"Child or young person", "Parent", "Carer", "Relative", "Friend", "Professional", "Other"}},
	[VOCAB_CONSENT_METHOD] = {{"verbal", "written", NULL}, {"Verbal", "Written"}},
	[VOCAB_EMERGENCY_DECISION] = {{"approved", "declined", NULL}, {"Approved", "Declined"}},
	[VOCAB_CONTACT_METHOD] = {
		{"phone", "visit", "video", "letter", "email", NULL},
		{"Phone call", "Home visit", "Video call", "Letter", "Email"}},
	[VOCAB_CHILD_ATTENDANCE] = {
		{"all", "part", "none", NULL},
		{"All of the meeting", "Part of the meeting", "Not at all"}},
	[VOCAB_CHILD_CONTRIBUTION] = {
		{"in_person", "letter", "drawing", "recording", "advocate", "read_by_coordinator", NULL},
		{"In person", "A letter", "A drawing", "A recording", "Through an advocate",
		 "Read out by the coordinator"}},
	[VOCAB_MEETING_OUTCOME] = {
		{"plan_agreed", "no_agreement", NULL},
		{"The family made a plan", "The family could not agree a safe plan"}},
	[VOCAB_REFERRER_DECISION] = {
		{"agreed", "refused", NULL},
		{"Agreed", "Not agreed: the plan leaves the child at risk of significant harm"}},
	[VOCAB_SEND_METHOD] = {
		{"email", "post", "by_hand", NULL}, {"Email", "Post", "By hand"}},
	[VOCAB_NO_AGREEMENT] = {
		{"reconvene", "alternative_arrangements", NULL},
		{"Hold another meeting", "The referrer makes alternative arrangements"}},
	[VOCAB_ACTION_STATUS] = {
		{"done", "in_progress", "not_done", "no_longer_relevant", NULL},
		{"Done", "In progress", "Not done", "No longer relevant"}},
	[VOCAB_CLOSURE_REASON] = {
		{"review_completed", "no_review", "family_withdrew", "consent_not_given", "unsafe_to_proceed", NULL},
		{"Review completed and tasks acted on", "Meeting completed, no review to take place",
		 "The family withdrew", "Consent was not given", "Inappropriate to proceed for safety reasons"}},
	[VOCAB_RECIPIENT_KIND] = {
		{"family", "child", "referrer", "professional", NULL},
		{"Family member", "Child or young person", "Referrer or social worker", "Professional"}},
	[VOCAB_RESPONDENT_KIND] = {
		{"family_member", "child", NULL}, {"Family member", "Child or young person"}},
	[VOCAB_FAMILY_ANSWER] = {{"yes", "partly", "no", NULL}, {"Yes", "Partly", "No"}},
	[VOCAB_CHILD_ANSWER] = {
		{"happy", "okay", "sad", NULL}, {"Happy", "Okay", "Sad"}},
	[VOCAB_ROLE] = {
		{"coordinator", "referrer", "team_manager", "service_manager", "administrator", NULL},
		{"Coordinator", "Referrer", "Team manager", "Service manager", "Administrator"}},
};

const char *const *vocab_codes(enum vocab v) { return lists[v].codes; }

const char *vocab_title(enum vocab v, const char *code)
{
	if (!code)
		return NULL;
	for (int i = 0; lists[v].codes[i]; i++)
		if (strcmp(lists[v].codes[i], code) == 0)
			return lists[v].titles[i];
	return code;
}
