/* vocab.c — the service's fixed lists (vocab.h). Wording follows the
 * Blackpool procedure and the Central Bedfordshire leaflet. */
#include "vocab.h"

#include <stddef.h>
#include <string.h>

#define MAXV 20

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
	[VOCAB_GENDER] = {
		{"female", "male", "non_binary", "other", "unknown", NULL},
		{"Female", "Male", "Non-binary", "Another gender", "Not known"}},
	[VOCAB_INTERPRETER] = {
		{"none", "spoken", "sign", NULL},
		{"No interpreter needed", "A spoken-language interpreter", "A sign-language interpreter"}},
	/* What a court order or safeguarding decision forbids (domain/safety.c). */
	[VOCAB_CONTACT_RESTRICTION] = {
		{"none", "no_meeting_details", "no_contact", NULL},
		{"No restriction", "Must not be told when or where meetings are",
		 "Must not be contacted by the service"}},
	/* "A is the ... of B". */
	[VOCAB_RELATIONSHIP] = {
		{"parent_birth", "parent_adoptive", "parent_step", "partner_married", "partner_cohabiting",
		 "partner_separated", "partner_divorced", "partner_dating", "sibling", "half_sibling",
		 "grandparent", "aunt_uncle", "cousin", "carer_foster", "carer_kinship", "friend",
		 "neighbour", "professional", NULL},
		{"Birth parent", "Adoptive parent", "Step-parent", "Married partner", "Partner living together",
		 "Separated partner", "Divorced partner", "Partner not living together", "Sibling",
		 "Half-sibling", "Grandparent", "Aunt or uncle", "Cousin", "Foster carer", "Kinship carer",
		 "Friend", "Neighbour", "Professional"}},
	/* Blackpool procedure, stage 2: the reasons to exclude someone. */
	[VOCAB_EXCLUSION_REASON] = {
		{"risk_to_children", "threatened_attendee", "domestic_violence", "mental_illness",
		 "abuser_emotional_risk", NULL},
		{"They pose a risk to children",
		 "They have threatened physical or emotional harm to someone attending",
		 "Victims of their domestic violence would be too intimidated to speak",
		 "Their mental illness is such that the meeting could not function",
		 "The child was abused or neglected by them and their presence is an emotional risk to the child"}},
	[VOCAB_INVITE_RESPONSE] = {
		{"attending", "declined", "undecided", NULL},
		{"Attending", "Declined", "Not decided yet"}},
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
