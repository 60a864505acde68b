/* cmd_demo.c — `hearth demo`: a realistic demonstration data set.
 *
 * It creates one user per role (and a few coordinators), then takes a few
 * dozen families through the process by sending the same requests the API
 * receives, each dated when it would really have happened. So the demo data
 * obeys every rule the server enforces, and cases stop where their dates
 * run out: some are new, some at every stage, some with clocks overdue.
 */
#include "cli.h"
#include "../domain/datetime.h"
#include "../domain/access.h"
#include "../security/password.h"
#include "../store/case_store.h"
#include "../store/settings_store.h"
#include "../store/user_store.h"
#include "../store/venue_store.h"
#include "../web/app.h"
#include "../web/auth.h"
#include "demo_copies.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DAY 86400
#define HOUR 3600

/* Every demo user's password (README). Demo data only: a real service
 * starts with no accounts at all (`hearth user add`). */
#define DEMO_PASSWORD "hearth-demo-2026"

enum { NORTH, SOUTH, NTEAMS };

struct demo {
	struct app *app;
	int64_t today; /* real now */
	char teams[NTEAMS][33];
	/* Who acts in each step, as the guard will see them. */
	struct principal coordinators[3], team_managers[NTEAMS], service_manager, admin, referrers[2];
	int failures;
};

/* Sends one request at time `at` as `who`; the response body is returned
 * (free it), or NULL when the step is in the future or failed. The request
 * goes through access control like any other: the demo only does what its
 * people may do. */
static json_t *send_at(struct demo *d, const struct principal *who, int64_t at, const char *method,
		       const char *path, json_t *body)
{
	struct principal as = *who; /* the guard adds relations per request */
	if (at > d->today) {
		json_decref(body);
		return NULL;
	}
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	struct request req;
	memset(&req, 0, sizeof req);
	req.method = method;
	req.path = path;
	req.body = text ? text : "";
	req.body_len = text ? strlen(text) : 0;
	req.content_type = "application/json";
	req.now = at;
	req.who = &as;
	snprintf(req.address, sizeof req.address, "demo");
	struct response res;
	http_response_init(&res);
	app_dispatch(d->app, &req, &res);
	json_t *out = NULL;
	if (res.status >= 300) {
		fprintf(stderr, "hearth demo: %s %s answered %d: %s\n", method, path, res.status,
			http_body_text(&res)->data);
		d->failures++;
	} else {
		out = json_incref(res.json);
	}
	http_response_free(&res);
	free(text);
	return out;
}

static void iso(int64_t t, char out[21]) { dt_format_utc(t, out); }

static const char *person_id(const json_t *c, const char *name)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(c, "people"), i, p)
		if (strcmp(json_string_value(json_object_get(p, "name")), name) == 0)
			return json_string_value(json_object_get(p, "id"));
	return NULL;
}

struct family {
	const char *child, *mother, *father, *relative, *relative_role, *category, *culture;
	const char *child_gender;
};

static const struct family families[] = {
	{"Zofia Kowalska", "Anna Kowalska", "Piotr Kowalski", "Halina Nowak", "grandmother", "neglect", "Polish-speaking family; Catholic", "female"},
	{"أمير حسن", "فاطمة حسن", "Omar Hassan", "Layla Hassan", "aunt", "prevent_care", "Arabic-speaking; Muslim, prayer times", "male"},
	{"عائشہ خان", "Nadia Khan", "Imran Khan", "Shabana Begum", "grandmother", "child_protection_plan", "Urdu-speaking grandmother", "female"},
	{"Dafydd ap Rhys", "Ffion Jones", "Gareth Rhys", "Eluned Morgan", "grandmother", "school_attendance", "Welsh-speaking family", "male"},
	{"Siobhán O'Connor", "Niamh O'Connor", "Declan Murphy", "Bríd O'Connor", "aunt", "separation", NULL, "female"},
	{"Chen Wei", "Li Na", "Chen Jun", "Wang Fang", "grandmother", "parental_illness", "Mandarin interpreter for grandmother", "male"},
	{"Kwame Mensah", "Abena Mensah", "Kofi Mensah", "Ama Owusu", "aunt", "kinship_care", NULL, "male"},
	{"Олена Шевченко", "Ірина Шевченко", "Andriy Shevchenko", "Tetiana Bondarenko", "grandmother", "return_home", "Ukrainian-speaking; recently arrived", "female"},
	{"Ioana Popescu", "Maria Popescu", "Andrei Popescu", "Elena Ionescu", "aunt", "child_in_need", "Romanian-speaking", "female"},
	{"Jayden Smith", "Kelly Smith", "Liam Brown", "Patricia Smith", "grandmother", "neglect", NULL, "male"},
	{"Priya Sharma", "Sunita Sharma", "Raj Sharma", "Kamala Devi", "grandmother", "disability_care_plan", "Hindu; vegetarian food at the meeting", "female"},
	{"Ruby Taylor", "Chloe Taylor", "Jack Wilson", "Susan Taylor", "grandmother", "child_voice", NULL, "female"},
	{"Mehmet Yılmaz", "Ayşe Yılmaz", "Mustafa Yılmaz", "Zeynep Kaya", "aunt", "prevent_care", "Turkish-speaking father", "male"},
	{"Tomás García", "Lucía García", "Javier López", "Carmen Ruiz", "grandmother", "school_attendance", NULL, "male"},
	{"Leah Cohen", "Rachel Cohen", "David Cohen", "Miriam Levy", "grandmother", "separation", "Jewish; no meetings on Saturdays", "female"},
	{"Ellie-Mae Robinson", "Stacey Robinson", "Dean Clarke", "Janet Robinson", "grandmother", "child_protection_plan", NULL, "female"},
};
#define NFAMILIES (sizeof families / sizeof families[0])

/* The coordinator maps the family's network with them: the child's gender,
 * three generations, a friend and the school, who lives where, the
 * invitations and a first conversation; in some families someone whose
 * threats mean they are excluded. */
static void demo_network(struct demo *d, const struct principal *coord, int64_t t, const char *id,
			 const struct family *f, int n, const char *mother, const char *father,
			 const char *relative)
{
	char path[160], child[33] = "";
#define Q(suffix) (snprintf(path, sizeof path, "/api/cases/%s%s", id, suffix), path)
	bool gran = strcmp(f->relative_role, "grandmother") == 0;
	json_t *c = send_at(d, coord, t, "GET", Q(""), NULL);
	if (!c)
		return;
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(c, "people"), i, p)
		if (json_is_true(json_object_get(p, "subject")))
			snprintf(child, sizeof child, "%s", json_string_value(json_object_get(p, "id")));
	json_decref(c);
	snprintf(path, sizeof path, "/api/cases/%s/people/%s", id, child);
	json_decref(send_at(d, coord, t, "PUT", path,
			    json_pack("{s:s,s:s,s:s,s:s,s:b}", "name", f->child, "dob", n % 2 ? "2014-05-17" : "2017-09-02",
				      "gender", f->child_gender, "role", "child", "parental_responsibility", 0)));
	json_decref(send_at(d, coord, t + 60, "POST", Q("/people"),
			    json_pack("{s:s,s:s,s:b,s:i,s:s,s:s,s:b}", "name", gran ? "Grandad (mother's father)" : "Uncle (mother's brother)",
				      "gender", "male", "deceased", gran && n % 2, gran && n % 2 ? "death_year" : "approx_age",
				      gran && n % 2 ? 2019 : gran ? 72 : 45, "role", "relative", "relationship",
				      gran ? "grandfather" : "uncle", "parental_responsibility", 0)));
	json_decref(send_at(d, coord, t + 120, "POST", Q("/people"),
			    json_pack("{s:s,s:s,s:s,s:s,s:b}", "name", "Mrs Bennett", "gender", "female", "role", "friend",
				      "relationship", "neighbour and family friend", "parental_responsibility", 0)));
	c = send_at(d, coord, t + 180, "POST", Q("/people"),
		    json_pack("{s:s,s:s,s:s,s:b}", "name", "Ms Clarke", "gender", "female", "role", "professional",
			      "parental_responsibility", 0));
	if (!c)
		return;
	char extra[33], friend_[33], teacher[33];
	snprintf(extra, sizeof extra, "%s", person_id(c, gran ? "Grandad (mother's father)" : "Uncle (mother's brother)"));
	snprintf(friend_, sizeof friend_, "%s", person_id(c, "Mrs Bennett"));
	snprintf(teacher, sizeof teacher, "%s", person_id(c, "Ms Clarke"));
	json_decref(c);
	static const char *const couple[] = {"partner_separated", "partner_divorced", "partner_cohabiting"};
	json_t *rels = json_pack("[{s:s,s:s,s:s},{s:s,s:s,s:s},{s:s,s:s,s:s,s:i},{s:s,s:s,s:s},{s:s,s:s,s:s},"
				 "{s:s,s:s,s:s},{s:s,s:s,s:s,s:s,s:s}]",
				 "a", mother, "kind", "parent_birth", "b", child,
				 "a", father, "kind", "parent_birth", "b", child,
				 "a", mother, "kind", couple[n % 3], "b", father, "start_year", 2010,
				 "a", relative, "kind", gran ? "parent_birth" : "sibling", "b", mother,
				 "a", extra, "kind", gran ? "parent_birth" : "sibling", "b", mother,
				 "a", friend_, "kind", "friend", "b", mother,
				 "a", teacher, "kind", "professional", "b", child, "agency", "St Mary's Primary School",
				 "professional_role", "Class teacher");
	if (gran)
		json_array_append_new(rels, json_pack("{s:s,s:s,s:s,s:i}", "a", extra, "kind", "partner_married", "b", relative, "start_year", 1982));
	json_t *r;
	json_array_foreach(rels, i, r) json_decref(send_at(d, coord, t + 240 + (int64_t)i, "POST", Q("/relationships"), json_incref(r)));
	json_decref(rels);
	json_decref(send_at(d, coord, t + 300, "POST", Q("/households"),
			    json_pack("{s:s,s:[s,s]}", "label", "Mother's home", "members", mother, child)));
	json_decref(send_at(d, coord, t + 310, "POST", Q("/households"),
			    json_pack("{s:s,s:[s]}", "label", "Father's flat", "members", father)));
	json_decref(send_at(d, coord, t + 400, "PUT", Q("/invitations"),
			    json_pack("{s:[s,s,s,s]}", "invited", child, mother, father, relative)));
	char day[11];
	dt_format_date(dt_london_day(t), day);
	json_decref(send_at(d, coord, t + 500, "POST", Q("/conversations"),
			    json_pack("{s:s,s:s,s:s,s:s,s:s}", "member_id", mother, "held_on", day, "method", "visit",
				      "outcome", "Talked through who to invite; she wants her own mother there.",
				      "worries", "Worried the meeting will turn into an argument.")));
	json_decref(send_at(d, coord, t + 600, "POST", Q("/responses"),
			    json_pack("{s:s,s:s}", "member_id", mother, "response", "attending")));
	if (!gran && n % 4 == 1)
		json_decref(send_at(d, coord, t + 700, "POST", Q("/exclusions"),
				    json_pack("{s:s,s:s,s:s,s:s}", "member_id", extra, "reason", "threatened_attendee",
					      "rationale", "Threatened the mother by text last month; she would not feel able to speak with him there.",
					      "decided_with", "Team manager")));
#undef Q
}

/* How far a case goes before its story stops on purpose. */
enum path { PATH_FULL, PATH_SCREENED_OUT, PATH_REFUSED, PATH_EMERGENCY, PATH_NO_AGREEMENT_RECONVENE,
	    PATH_NO_AGREEMENT_ALTERNATIVE, PATH_WITHDREW, PATH_STALL_ALLOCATION, PATH_STALL_CONTACT,
	    PATH_STALL_DISTRIBUTION, PATH_NO_REVIEW, PATH_STALL_CONSENT, PATH_STALL_PLAN };

static void run_case(struct demo *d, int n, int64_t consult, enum path path)
{
	const struct family *f = &families[n % NFAMILIES];
	int team = n % 3 == 2 ? SOUTH : NORTH;
	const struct principal *ref = &d->referrers[n % 3 ? 0 : 1], *tm = &d->team_managers[team];
	const struct principal *coord = team == SOUTH ? &d->coordinators[1] : &d->coordinators[n % 2 ? 0 : 2];
	char at[21], path_s[160], id[33];
	iso(consult, at);
	json_t *c = send_at(d, ref, consult - 7 * DAY, "POST", "/api/cases",
		json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s?,s:s}",
			  "child_name", f->child, "child_dob", n % 2 ? "2014-05-17" : "2017-09-02",
			  "referrer_name", n % 3 ? "Sam Patel" : "Joanne Hughes",
			  "referrer_role", n % 3 ? "Social worker" : "Head of year", "referrer_organisation",
			  n % 3 ? "Children's Social Care, North Team" : "St Mary's High School",
			  "referrer_email", "referrer@example.org", "consultation_at", at,
			  "family_details", "Child lives with mother; father has contact at weekends; extended family nearby.",
			  "benefit", "The wider family wants to help but has never been asked to plan together.",
			  "strengths", "Close grandparents; the child is doing well at football club.",
			  "referral_reason", "Concerns about routines, school attendance and conflict between the parents.",
			  "questions", "How will the family make sure the child gets to school every day? Who can the child go to when things are difficult at home?",
			  "bottom_lines", "The child must not be left alone overnight. The child must attend school.",
			  "risks", "Arguments between the parents have sometimes become heated.", "reason_category", f->category,
			  "emergency", path == PATH_EMERGENCY,
			  "emergency_reason", path == PATH_EMERGENCY ? "Placement with grandmother at risk of breaking down this week." : NULL,
			  "team_id", d->teams[team]));
	if (!c)
		return;
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(c, "id")));
	json_decref(c);
#define P(suffix) (snprintf(path_s, sizeof path_s, "/api/cases/%s%s", id, suffix), path_s)
	int64_t t = consult + HOUR;
	if (path == PATH_EMERGENCY)
		return; /* waiting for a service manager's decision */
	json_decref(send_at(d, tm, t, "POST", P("/screening"),
			    json_pack("{s:b,s:b,s:b,s:b,s:b,s:b,s:b,s:b}",
				      "isolated_asylum_seeking_child", 0, "consent_to_share_refused", 0,
				      "prefers_another_route", path == PATH_SCREENED_OUT, "violence_unmanageable", 0,
				      "intergenerational_sexual_abuse", 0, "section_47_enquiry", n % 5 == 0,
				      "violence_at_meeting", 0, "carer_decision_making_impaired", 0)));
	if (path == PATH_SCREENED_OUT)
		return;
	json_decref(send_at(d, tm, t + 60, "POST", P("/people"), json_pack("{s:s,s:s,s:s,s:s,s:b}", "name", f->mother, "gender", "female", "role", "parent", "relationship", "mother", "parental_responsibility", 1)));
	json_decref(send_at(d, tm, t + 120, "POST", P("/people"), json_pack("{s:s,s:s,s:s,s:s,s:b}", "name", f->father, "gender", "male", "role", "parent", "relationship", "father", "parental_responsibility", 1)));
	c = send_at(d, tm, t + 180, "POST", P("/people"), json_pack("{s:s,s:s,s:s,s:s,s:b}", "name", f->relative, "gender", "female", "role", "relative", "relationship", f->relative_role, "parental_responsibility", 0));
	if (!c)
		return;
	char mother[33], father[33], relative[33];
	snprintf(mother, sizeof mother, "%s", person_id(c, f->mother));
	snprintf(father, sizeof father, "%s", person_id(c, f->father));
	snprintf(relative, sizeof relative, "%s", person_id(c, f->relative));
	json_decref(c);
	t += 4 * HOUR;
	json_decref(send_at(d, tm, t, "POST", P("/consents"), json_pack("{s:s,s:b,s:b,s:s}", "person_id", mother, "to_meeting", 1, "to_sharing", 1, "method", "verbal")));
	if (path == PATH_STALL_CONSENT)
		return;
	json_decref(send_at(d, tm, t + 600, "POST", P("/consents"), json_pack("{s:s,s:b,s:b,s:s}", "person_id", father, "to_meeting", path != PATH_REFUSED, "to_sharing", 1, "method", "verbal")));
	if (path == PATH_REFUSED || path == PATH_STALL_ALLOCATION)
		return;
	t = consult + (n % 4 == 0 ? 20 : 26) * HOUR;
	json_decref(send_at(d, tm, t, "POST", P("/allocation"), json_pack("{s:s}", "coordinator_id", coord->user_id)));
	if (path == PATH_STALL_CONTACT)
		return;
	t += 30 * HOUR;
	json_decref(send_at(d, coord, t, "POST", P("/first-contact"), json_pack("{s:s,s:s,s:s}", "contacted", f->mother, "method", n % 2 ? "phone" : "visit", "notes", "Explained how a family meeting works and who could be invited.")));
	if (path == PATH_WITHDREW) {
		json_decref(send_at(d, coord, t + 5 * DAY, "POST", P("/closure"), json_pack("{s:s,s:s}", "reason", "family_withdrew", "summary", "The family decided not to go ahead after talking it over together.")));
		return;
	}
	t += 3 * DAY;
	demo_network(d, coord, t, id, f, n, mother, father, relative);
	t += DAY;
	json_decref(send_at(d, coord, t, "PUT", P("/preparation"),
			    json_pack("{s:s,s:[s],s:s,s:s,s:b,s:b,s:b,s:b,s:b,s:s?}", "child_wants_to_attend", n % 3 ? "all" : "part",
				      "child_contribution", n % 3 ? "in_person" : "drawing",
				      "child_wishes", "I want to talk about seeing Dad more and about my friends at school.",
				      "child_words", "I like it when Nan picks me up. I don't like it when people shout.",
				      "advocate_offered", 1, "advocate_accepted", n % 2, "guardian_informed", 0,
				      "guardian_sent_procedure", 0, "interpreter_needed", f->culture != NULL && n % 2,
				      "interpreter_language", f->culture != NULL && n % 2 ? "Polish" : NULL)));
	char meet_at[21];
	int64_t meeting = consult + 30 * DAY + 10 * HOUR;
	iso(meeting, meet_at);
	json_decref(send_at(d, coord, t + DAY, "POST", P("/meeting"), json_pack("{s:s,s:s}", "scheduled_at", meet_at, "venue", n % 2 ? "St Anne's Church Hall" : "Grange Children's Centre")));
	json_t *attendance = json_pack("[{s:s,s:b},{s:s,s:b},{s:s,s:b},{s:s,s:s,s:b}]", "person_id", mother, "attended", 1, "person_id", father, "attended", 1, "person_id", relative, "attended", 1, "name", "Sam Patel", "role", "Social worker", "attended", 1);
	bool no_agreement = path == PATH_NO_AGREEMENT_RECONVENE || path == PATH_NO_AGREEMENT_ALTERNATIVE;
	c = send_at(d, coord, meeting + 3 * HOUR, "POST", P("/meeting/record"),
		    json_pack("{s:O,s:s,s:s,s:s?,s:s}", "attendance", attendance,
			      "information_sharing", "The social worker explained the worries about school and the bottom lines.",
			      "private_family_time", "The family talked on their own for about an hour.",
			      "agreeing_the_plan", no_agreement ? NULL : "The plan was read back and agreed by everyone.",
			      "outcome", no_agreement ? "no_agreement" : "plan_agreed"));
	json_decref(attendance);
	if (!c)
		return;
	json_decref(c);
	if (no_agreement) {
		bool reconvene = path == PATH_NO_AGREEMENT_RECONVENE;
		json_decref(send_at(d, coord, meeting + DAY, "POST", P("/no-agreement"),
				    json_pack("{s:s,s:s?}", "choice", reconvene ? "reconvene" : "alternative_arrangements",
					      "note", reconvene ? NULL : "The social worker will arrange a child in need meeting instead.")));
		return;
	}
	char by1[11], by2[11], review_date[11];
	dt_format_date(dt_london_day(meeting) + 14, by1);
	dt_format_date(dt_london_day(meeting) + 28, by2);
	dt_format_date(dt_london_day(meeting) + 35, review_date);
	json_t *plan = send_at(d, coord, meeting + DAY, "PUT", P("/plan"),
		json_pack("{s:[{s:s,s:s,s:s,s:s,s:s},{s:s,s:s,s:s,s:s}],s:s,s:s,s:s,s:s?}",
			  "items", "concern", "Getting to school on time", "action", "Grandmother walks the child to school on Mondays and Wednesdays", "who", f->relative, "by_when", by1, "support", "Bus pass from the school",
			  "concern", "Arguments at home", "action", "Parents attend a co-parenting course", "who", "Both parents", "by_when", by2,
			  "monitoring", "The social worker and the grandmother check in every fortnight.", "monitored_by", "Social worker and grandmother",
			  "contingency", "If the plan breaks down the child stays with the grandmother and the social worker is told the same day.",
			  "review_date", path == PATH_NO_REVIEW ? NULL : review_date));
	if (!plan)
		return;
	json_decref(plan);
	if (path == PATH_STALL_PLAN)
		return;
	json_decref(send_at(d, ref, meeting + DAY + HOUR, "POST", P("/plan/referrer-decision"), json_pack("{s:s}", "decision", "agreed")));
	json_decref(send_at(d, tm, meeting + DAY + 2 * HOUR, "POST", P("/plan/validation"), json_object()));
	if (path == PATH_STALL_DISTRIBUTION)
		return;
	int64_t sent = meeting + (n % 4 == 1 ? 9 : 3) * DAY;
	char sent_at[21];
	iso(sent, sent_at);
	json_decref(send_at(d, coord, sent, "POST", P("/distributions"),
			    json_pack("{s:[{s:s,s:s,s:s},{s:s,s:s,s:s},{s:s,s:s,s:s}]}", "recipients",
				      "person_id", mother, "method", "email", "sent_at", sent_at,
				      "person_id", father, "method", "post", "sent_at", sent_at,
				      "recipient", "Sam Patel (social worker)", "method", "email", "sent_at", sent_at)));
	json_decref(send_at(d, coord, sent + HOUR, "POST", P("/distributions/complete"), json_object()));
	json_decref(send_at(d, coord, meeting + 4 * HOUR, "POST", P("/evaluations"),
			    json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "respondent_kind", "family_member", "person_id", mother,
				      "listened_to", "yes", "plan_is_ours", "yes", "would_recommend", n % 2 ? "yes" : "partly",
				      "comments", "It helped to have everyone in one room.")));
	json_decref(send_at(d, coord, meeting + 4 * HOUR, "POST", P("/evaluations"),
			    json_pack("{s:s,s:s,s:s,s:s,s:s}", "respondent_kind", "child", "respondent_name", f->child,
				      "felt_listened_to", "happy", "understood_plan", "okay", "felt_safe", "happy")));
	if (path == PATH_NO_REVIEW) {
		json_decref(send_at(d, coord, sent + 2 * DAY, "POST", P("/closure"),
				    json_pack("{s:s,s:s}", "reason", "no_review", "summary", "The family's plan is working and no review is needed.")));
		return;
	}
	int64_t review = meeting + 35 * DAY + 10 * HOUR;
	char review_at[21];
	iso(review, review_at);
	json_decref(send_at(d, coord, meeting + 21 * DAY, "POST", P("/review"), json_pack("{s:s,s:s}", "scheduled_at", review_at, "online_link", "https://teams.example.org/meet/family-review")));
	json_t *current = send_at(d, coord, review + 2 * HOUR, "GET", P(""), NULL);
	if (!current)
		return;
	json_t *plans = json_object_get(current, "plans");
	json_t *items = json_object_get(json_array_get(plans, json_array_size(plans) - 1), "items");
	json_t *statuses = json_array();
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
		json_array_append_new(statuses, json_pack("{s:O,s:s}", "item_id", json_object_get(item, "id"), "status", i == 0 ? "done" : "in_progress"));
	json_decref(send_at(d, coord, review + 2 * HOUR, "POST", P("/review/record"),
			    json_pack("{s:s,s:s,s:o,s:s,s:s,s:[{s:s,s:s,s:s,s:s}]}", "information_sharing", "School attendance is up to 96%.",
				      "agreeing_the_plan", "The family agreed the revised plan.", "item_statuses", statuses,
				      "new_issues", "The child would like to see the father midweek too.",
				      "further_reviews", "The family will meet at the grandmother's every month.",
				      "new_items", "concern", "Time with Dad", "action", "Father collects the child from school on Thursdays", "who", f->father, "by_when", review_date)));
	json_decref(current);
	json_decref(send_at(d, coord, review + DAY, "POST", P("/closure"),
			    json_pack("{s:s,s:s,s:[{s:s,s:s,s:s},{s:s,s:s,s:s}]}", "reason", "review_completed",
				      "summary", "The review found the plan working; the family will carry on reviewing it themselves.",
				      "notifications", "recipient", f->mother, "recipient_kind", "family", "method", "post",
				      "recipient", "Sam Patel", "recipient_kind", "referrer", "method", "email")));
#undef P
}

/* Adds a demo user and makes `who` act as them. */
static int add_user(struct db *db, const char *hash, const char *name, const char *email,
		    const char *roles, const char *team, struct principal *who, struct err *e)
{
	char now[21];
	dt_format_utc((int64_t)time(NULL), now);
	memset(who, 0, sizeof *who);
	who->via = VIA_INTERNAL;
	who->signed_in = true;
	who->roles = auth_roles(roles);
	snprintf(who->team_id, sizeof who->team_id, "%s", team ? team : "");
	snprintf(who->audit_session, sizeof who->audit_session, "demo");
	return user_insert(db, name, email, roles, team, hash, now, who->user_id, e);
}

/* Places the demo's meetings are held. */
static int add_venues(struct db *db, const char *now, struct err *e)
{
	static const char *const venues[][3] = {
		{"St Anne's Church Hall", "Victoria Road, Blackpool FY1 3QB", "Step-free entrance at the side. Hearing loop. Free parking behind the hall."},
		{"Grange Park Children's Centre", "Dinmore Avenue, Blackpool FY3 7RW", "Family room with toys; ask at reception. Bus 9 stops outside."},
		{"Layton Library community room", "Talbot Road, Blackpool FY3 7HH", "First floor, lift available. Evenings only."},
	};
	for (size_t i = 0; i < sizeof venues / sizeof *venues; i++) {
		char id[33];
		json_t *v = json_pack("{s:s,s:s,s:s}", "name", venues[i][0], "address", venues[i][1], "access_notes",
				      venues[i][2]);
		int rc = venue_insert(db, v, now, id, e);
		json_decref(v);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int add_people(struct demo *d, struct db *db, const char *hash, struct err *e)
{
	char now[21];
	dt_format_utc((int64_t)time(NULL), now);
	const char *north = d->teams[NORTH], *south = d->teams[SOUTH];
	/* The demo needs no authenticator app; a real service keeps it required. */
	return add_venues(db, now, e) ||
	       team_insert(db, "North team", now, d->teams[NORTH], e) ||
	       team_insert(db, "South team", now, d->teams[SOUTH], e) ||
	       add_user(db, hash, "Grace Okafor", "grace.okafor@example.org", "coordinator", north, &d->coordinators[0], e) ||
	       add_user(db, hash, "Tomasz Wiśniewski", "tomasz.wisniewski@example.org", "coordinator", south, &d->coordinators[1], e) ||
	       add_user(db, hash, "Hannah Lewis", "hannah.lewis@example.org", "coordinator", north, &d->coordinators[2], e) ||
	       add_user(db, hash, "Sam Patel", "sam.patel@example.org", "referrer", NULL, &d->referrers[0], e) ||
	       add_user(db, hash, "Joanne Hughes", "joanne.hughes@example.org", "referrer", NULL, &d->referrers[1], e) ||
	       add_user(db, hash, "Rebecca Hall", "rebecca.hall@example.org", "team_manager", north, &d->team_managers[NORTH], e) ||
	       add_user(db, hash, "Priya Shah", "priya.shah@example.org", "team_manager", south, &d->team_managers[SOUTH], e) ||
	       add_user(db, hash, "Yusuf Ahmed", "yusuf.ahmed@example.org", "service_manager", NULL, &d->service_manager, e) ||
	       add_user(db, hash, "Chris Morgan", "chris.morgan@example.org", "administrator", NULL, &d->admin, e) ||
	       settings_put(db, "security", "{\"second_factor_required\": false, \"idle_minutes\": 30, \"absolute_hours\": 12}", e)
		       ? -1 : 0;
}

/* Who to sign in as, printed by `make run` (through --if-empty) so a new
 * user can start straight away. Keep in step with add_people(). */
static void print_sign_ins(void)
{
	static const char *const who[][2] = {
		{"Sam Patel (referrer)", "sam.patel@example.org"},
		{"Rebecca Hall (team manager, North)", "rebecca.hall@example.org"},
		{"Grace Okafor (coordinator, North)", "grace.okafor@example.org"},
		{"Yusuf Ahmed (service manager)", "yusuf.ahmed@example.org"},
		{"Chris Morgan (administrator)", "chris.morgan@example.org"},
	};
	printf("Demo sign-ins (password %s for everyone):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof who / sizeof *who; i++)
		printf("  %-38s %s\n", who[i][0], who[i][1]);
}

int cli_demo(int argc, char **argv)
{
	const char *db_url = CLI_DEFAULT_DB, *cases_s = NULL;
	bool if_empty = false;
	const struct cli_option opts[] = {
		{"--db", "URL", "sqlite:PATH (default " CLI_DEFAULT_DB ") or postgresql://...", &db_url},
		{"--if-empty", NULL, "do nothing when the database already has users", NULL, &if_empty},
		{"--cases", "N", "load N cases (40 to 10000000): the 40 stories, then copies of them over the years", &cases_s},
		{NULL}};
	int rc = cli_parse(argc, argv,
			   "usage: hearth demo [options]\n\nLoad demonstration data: one user per role and a few dozen cases at every stage.",
			   opts);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	const int ncases = 40;
	long total = ncases;
	if (cases_s) {
		char *end;
		total = strtol(cases_s, &end, 10);
		if (*cases_s == '\0' || *end != '\0' || total < ncases || total > 10000000) {
			fprintf(stderr, "hearth demo: --cases must be a whole number from %d to 10000000, not \"%s\"\n",
				ncases, cases_s);
			return 2;
		}
	}
	struct err e = {0};
	struct db_pool *pool;
	if (password_init() != 0) {
		fprintf(stderr, "hearth demo: could not initialise libsodium\n");
		return 1;
	}
	if (db_pool_open(db_url, 1, &pool, &e) != 0) {
		fprintf(stderr, "hearth demo: %s\n", e.msg);
		return 1;
	}
	struct app app;
	app_init(&app, pool);
	struct demo d = {.app = &app, .today = (int64_t)time(NULL)};
	struct db *db = db_pool_get(pool);
	long users = 0;
	rc = user_count(db, &users, &e) == 0 ? app_load_config(&app, db, &e) : -1;
	if (rc == 0 && users > 0) {
		db_pool_put(pool, db);
		if (if_empty) {
			printf("hearth demo: the database already has data; nothing loaded\n");
			print_sign_ins();
			goto out;
		}
		fprintf(stderr, "hearth demo: the database already has users; demo data is only loaded into an empty database\n");
		rc = -1;
		goto out;
	}
	char hash[PASSWORD_HASH_MAX];
	if (rc == 0 && password_hash(DEMO_PASSWORD, hash) != 0)
		rc = err_set(&e, ERR_INTERNAL, NULL, "Out of memory while hashing the demo password.");
	if (rc == 0 && db_begin(db, &e) == 0) {
		rc = add_people(&d, db, hash, &e);
		rc = rc == 0 ? db_commit(db, &e) : (db_rollback(db), -1);
	}
	/* Security settings were just written: the requests below follow them. */
	if (rc == 0)
		rc = app_load_config(&app, db, &e);
	db_pool_put(pool, db);
	if (rc != 0) {
		fprintf(stderr, "hearth demo: %s\n", e.msg);
		goto out;
	}
	static const enum path paths[] = {
		PATH_FULL, PATH_FULL, PATH_NO_REVIEW, PATH_STALL_DISTRIBUTION, PATH_FULL, PATH_REFUSED,
		PATH_FULL, PATH_STALL_CONTACT, PATH_NO_AGREEMENT_RECONVENE, PATH_FULL, PATH_SCREENED_OUT,
		PATH_FULL, PATH_STALL_ALLOCATION, PATH_NO_AGREEMENT_ALTERNATIVE, PATH_FULL, PATH_WITHDREW,
		PATH_STALL_PLAN, PATH_FULL, PATH_STALL_CONSENT, PATH_FULL};
	/* Consultations spread from four months ago to next week, so the cases
	 * stand at every stage; the fixed paths add the unusual endings. The
	 * last case is an emergency request still waiting for a decision. */
	for (int n = 0; n < ncases; n++) {
		int64_t days_ago = 120 - (int64_t)n * 126 / (ncases - 1);
		int64_t consult = (d.today / DAY - days_ago) * DAY + 10 * HOUR;
		run_case(&d, n, consult, n == ncases - 1 ? PATH_EMERGENCY : paths[n % (sizeof paths / sizeof *paths)]);
	}
	if (d.failures) {
		fprintf(stderr, "hearth demo: %d step%s failed\n", d.failures, d.failures == 1 ? "" : "s");
		rc = -1;
		goto out;
	}
	if (total > ncases) {
		struct demo_staff staff = {.referrer_names = {"Sam Patel", "Joanne Hughes"}};
		for (int i = 0; i < NTEAMS; i++) {
			snprintf(staff.teams[i], sizeof staff.teams[i], "%s", d.teams[i]);
			snprintf(staff.team_managers[i], sizeof staff.team_managers[i], "%s", d.team_managers[i].user_id);
			snprintf(staff.referrers[i], sizeof staff.referrers[i], "%s", d.referrers[i].user_id);
		}
		for (int i = 0; i < 3; i++)
			snprintf(staff.coordinators[i], sizeof staff.coordinators[i], "%s", d.coordinators[i].user_id);
		db = db_pool_get(pool);
		rc = demo_copies(db, &staff, hash, total, d.today, &e);
		db_pool_put(pool, db);
		if (rc != 0) {
			fprintf(stderr, "hearth demo: %s\n", e.msg);
			goto out;
		}
		printf("hearth demo: loaded %ld cases (%d stories and copies of them over the years)\n", total, ncases);
	} else {
		printf("hearth demo: loaded 9 users in 2 teams and %d cases\n", ncases);
	}
	print_sign_ins();
out:
	app_free(&app);
	db_pool_close(pool);
	return rc == 0 ? 0 : 1;
}
