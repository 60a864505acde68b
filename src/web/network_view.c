/* network_view.c — the family network's view model and genogram
 * (network_view.h). */
#include "network_view.h"
#include "case_view.h"
#include "../domain/genogram.h"
#include "../domain/safety.h"
#include "../domain/vocab.h"
#include "../domain/form.h"
#include "../store/case_store.h"
#include "../store/network_store.h"
#include "../store/people_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *status_of(const json_t *p)
{
	if (form_str(p, "exclusion_id"))
		return "excluded";
	const char *r = form_str(p, "response");
	if (r && strcmp(r, "attending") == 0)
		return "attending";
	if (r && strcmp(r, "declined") == 0)
		return "declined";
	return form_bool(p, "invited") ? "invited" : "not_invited";
}

static const char *status_title(const char *s)
{
	static const char *const T[][2] = {{"excluded", "Excluded"}, {"attending", "Attending"},
					   {"declined", "Declined"}, {"invited", "Invited"},
					   {"not_invited", "Not invited"}};
	for (size_t i = 0; i < sizeof T / sizeof *T; i++)
		if (strcmp(T[i][0], s) == 0)
			return T[i][1];
	return s;
}

void network_age_words(json_t *p)
{
	char age[40] = "";
	const char *dob = form_str(p, "dob");
	long approx = form_int(p, "approx_age", -1);
	if (dob)
		snprintf(age, sizeof age, "Born %.4s", dob);
	else if (approx >= 0)
		snprintf(age, sizeof age, "About %ld", approx);
	json_object_set_new(p, "age_words", age[0] ? json_string(age) : json_null());
}

struct safety_facts network_safety_facts(const json_t *p)
{
	return (struct safety_facts){
		.name = form_str(p, "name"),
		.excluded = form_str(p, "exclusion_id") != NULL,
		.exclusion_reason = form_str(p, "exclusion_reason"),
		.restriction = form_str(p, "contact_restriction"),
		.deceased = form_bool(p, "deceased"),
	};
}

void network_person(json_t *p)
{
	view_title(p, "role", VOCAB_PERSON_ROLE);
	view_title(p, "gender", VOCAB_GENDER);
	view_title(p, "interpreter", VOCAB_INTERPRETER);
	view_title(p, "contact_restriction", VOCAB_CONTACT_RESTRICTION);
	view_title(p, "exclusion_reason", VOCAB_EXCLUSION_REASON);
	view_title(p, "response", VOCAB_INVITE_RESPONSE);
	const char *status = status_of(p);
	json_object_set_new(p, "status", json_string(status));
	json_object_set_new(p, "status_title", json_string(status_title(status)));
	network_age_words(p);
	struct safety_facts f = network_safety_facts(p);
	struct err why = {0};
	json_object_set_new(p, "barred",
			    safety_may_send(&f, SEND_INVITATION, NULL, &why) == 0 ? json_null() : json_string(why.msg));
}

/* A relationship read from each end. */
struct phrase {
	const char *kind, *forward, *backward;
};

static const struct phrase PHRASES[] = {
	{"parent_birth", "Birth parent of", "Child of"},
	{"parent_adoptive", "Adoptive parent of", "Adopted child of"},
	{"parent_step", "Step-parent of", "Stepchild of"},
	{"partner_married", "Married to", "Married to"},
	{"partner_cohabiting", "Lives with partner", "Lives with partner"},
	{"partner_separated", "Separated from", "Separated from"},
	{"partner_divorced", "Divorced from", "Divorced from"},
	{"partner_dating", "Partner (not living together) of", "Partner (not living together) of"},
	{"sibling", "Sibling of", "Sibling of"},
	{"half_sibling", "Half-sibling of", "Half-sibling of"},
	{"grandparent", "Grandparent of", "Grandchild of"},
	{"aunt_uncle", "Aunt or uncle of", "Niece or nephew of"},
	{"cousin", "Cousin of", "Cousin of"},
	{"carer_foster", "Foster carer of", "Fostered by"},
	{"carer_kinship", "Kinship carer of", "In kinship care with"},
	{"friend", "Friend of", "Friend of"},
	{"neighbour", "Neighbour of", "Neighbour of"},
	{"professional", "Professional working with", "Works with professional"},
};

static const struct phrase *phrase_of(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof PHRASES / sizeof *PHRASES; i++)
		if (strcmp(PHRASES[i].kind, kind) == 0)
			return &PHRASES[i];
	return NULL;
}

int network_view(struct app *app, struct db *db, const char *case_id, int64_t now, json_t **out,
		 struct err *e)
{
	json_t *v = NULL, *part = NULL;
	if (case_view(app, db, case_id, now, &v, e) != 0)
		return -1;
	json_t *people = json_object_get(v, "people");
	if (relationship_list(db, case_id, &part, e) != 0)
		goto fail;
	view_title_all(part, "kind", VOCAB_RELATIONSHIP);
	size_t i;
	json_t *r;
	json_array_foreach(people, i, r) json_object_set_new(r, "links", json_array());
	/* Each side in its own words: "Birth parent of Maja", "Child of Ewa". */
	json_array_foreach(part, i, r) {
		json_t *a = form_find(people, "id", form_str(r, "a")), *b = form_find(people, "id", form_str(r, "b"));
		const struct phrase *ph = phrase_of(form_str(r, "kind"));
		char line[600];
		if (a) {
			snprintf(line, sizeof line, "%s %s", ph ? ph->forward : form_str(r, "kind_title"), form_str(r, "b_name"));
			json_array_append_new(json_object_get(a, "links"), json_string(line));
		}
		if (b) {
			snprintf(line, sizeof line, "%s %s", ph ? ph->backward : form_str(r, "kind_title"), form_str(r, "a_name"));
			json_array_append_new(json_object_get(b, "links"), json_string(line));
		}
	}
	json_object_set_new(v, "relationships", part);
	if (household_list(db, case_id, &part, e) != 0)
		goto fail;
	json_object_set_new(v, "households", part);
	if (conversation_list(db, case_id, &part, e) != 0)
		goto fail;
	view_title_all(part, "method", VOCAB_CONTACT_METHOD);
	json_object_set_new(v, "conversations", part);
	if (exclusion_list(db, case_id, &part, e) != 0)
		goto fail;
	view_title_all(part, "reason", VOCAB_EXCLUSION_REASON);
	json_object_set_new(v, "exclusions", part);
	*out = v;
	return 0;
fail:
	json_decref(v);
	return -1;
}

/* Codes to the genogram's enums. */
static enum geno_gender gender_of(const char *g)
{
	if (!g)
		return GENO_UNKNOWN;
	if (strcmp(g, "male") == 0)
		return GENO_MALE;
	if (strcmp(g, "female") == 0)
		return GENO_FEMALE;
	return strcmp(g, "unknown") == 0 ? GENO_UNKNOWN : GENO_OTHER;
}

static enum geno_status geno_status_of(const char *s)
{
	if (strcmp(s, "excluded") == 0)
		return GENO_EXCLUDED;
	if (strcmp(s, "attending") == 0)
		return GENO_ATTENDING;
	if (strcmp(s, "declined") == 0)
		return GENO_DECLINED;
	return strcmp(s, "invited") == 0 ? GENO_INVITED : GENO_NOT_INVITED;
}

static const struct {
	const char *code;
	enum geno_kind kind;
	int subtype;
} KINDS[] = {
	{"parent_birth", GENO_PARENT, GENO_BIRTH}, {"parent_adoptive", GENO_PARENT, GENO_ADOPTIVE},
	{"parent_step", GENO_PARENT, GENO_STEP}, {"partner_married", GENO_PARTNER, GENO_MARRIED},
	{"partner_cohabiting", GENO_PARTNER, GENO_COHABITING},
	{"partner_separated", GENO_PARTNER, GENO_SEPARATED},
	{"partner_divorced", GENO_PARTNER, GENO_DIVORCED}, {"partner_dating", GENO_PARTNER, GENO_DATING},
	{"sibling", GENO_SIBLING, 0}, {"half_sibling", GENO_HALF_SIBLING, 0},
	{"grandparent", GENO_GRANDPARENT, 0}, {"aunt_uncle", GENO_AUNT_UNCLE, 0},
	{"cousin", GENO_COUSIN, 0}, {"carer_foster", GENO_CARER, GENO_FOSTER},
	{"carer_kinship", GENO_CARER, GENO_KINSHIP}, {"friend", GENO_FRIEND, 0},
	{"neighbour", GENO_NEIGHBOUR, 0}, {"professional", GENO_PROFESSIONAL, 0},
};

/* "Social worker, Blackpool Council": kept alive in `notes`. */
static const char *professional(json_t *notes, const json_t *r)
{
	const char *role = form_str(r, "professional_role"), *agency = form_str(r, "agency");
	if (!role && !agency)
		return NULL;
	char s[600];
	snprintf(s, sizeof s, "%s%s%s", role ? role : "", role && agency ? ", " : "", agency ? agency : "");
	json_array_append_new(notes, json_string(s));
	return json_string_value(json_array_get(notes, json_array_size(notes) - 1));
}

int network_genogram(struct db *db, const char *case_id, struct buf *out, struct err *e)
{
	json_t *people = NULL, *rels = NULL, *hh = NULL, *c = NULL, *notes = json_array();
	int rc = -1;
	if (person_list(db, case_id, &people, e) != 0 || relationship_list(db, case_id, &rels, e) != 0 ||
	    household_list(db, case_id, &hh, e) != 0 || case_get(db, case_id, &c, e) != 0)
		goto out;
	if (!c) {
		err_set(e, ERR_NOT_FOUND, NULL, "There is no case with that reference.");
		goto out;
	}
	size_t np = json_array_size(people), nr = json_array_size(rels), nh = json_array_size(hh);
	struct geno_person *gp = xcalloc(np ? np : 1, sizeof *gp);
	struct geno_rel *gr = xcalloc(nr ? nr : 1, sizeof *gr);
	struct geno_household *gh = xcalloc(nh ? nh : 1, sizeof *gh);
	size_t i, k = 0;
	json_t *p;
	json_array_foreach(people, i, p) {
		network_person(p);
		gp[i] = (struct geno_person){
			.id = form_str(p, "id"),
			.name = form_str(p, "name"),
			.birth = form_str(p, "dob"),
			.age = (int)form_int(p, "approx_age", -1),
			.gender = gender_of(form_str(p, "gender")),
			.subject = form_bool(p, "subject"),
			.deceased = form_bool(p, "deceased"),
			.death_year = (int)form_int(p, "death_year", 0),
			.pr = form_bool(p, "parental_responsibility"),
			.address_confidential = form_bool(p, "address_confidential"),
			.status = geno_status_of(form_str(p, "status")),
			.household = form_str(p, "household_id"),
		};
	}
	json_array_foreach(rels, i, p) {
		for (size_t j = 0; j < sizeof KINDS / sizeof *KINDS; j++)
			if (strcmp(KINDS[j].code, form_str(p, "kind")) == 0) {
				gr[k++] = (struct geno_rel){
					.id = form_str(p, "id"), .a = form_str(p, "a"), .b = form_str(p, "b"),
					.kind = KINDS[j].kind, .subtype = KINDS[j].subtype,
					.start_year = (int)form_int(p, "start_year", 0),
					.end_year = (int)form_int(p, "end_year", 0),
					.note = professional(notes, p)};
				break;
			}
	}
	json_array_foreach(hh, i, p) gh[i] = (struct geno_household){.id = form_str(p, "id"),
								       .label = form_str(p, "label")};
	char title[200];
	snprintf(title, sizeof title, "Genogram for case %s", form_str(c, "reference") ? form_str(c, "reference") : "");
	struct geno_input in = {gp, np, gr, k, gh, nh, title};
	rc = genogram_svg(&in, out);
	free(gp);
	free(gr);
	free(gh);
out:
	json_decref(people);
	json_decref(rels);
	json_decref(hh);
	json_decref(c);
	json_decref(notes);
	return rc;
}
