/* genogram.h — the family network drawn as a genogram (McGoldrick's
 * conventions), as SVG, from plain records. Pure: no I/O, no database; the
 * web layer fills the structs from the store and serves the text.
 *
 * Conventions drawn: square male, circle female, diamond unknown or other;
 * the child the meeting is about double-outlined; an X through the
 * deceased; couple lines (solid married, dashed cohabiting, one slash
 * separated, two slashes divorced, with years); children hung from their
 * parents' line, oldest on the left; adopted children on a dashed line,
 * foster or kinship placements on a dotted line from the carer; a dotted
 * boundary round each household, in a colour of its own (split where
 * somebody else stands among its members, the parts joined by a thin
 * dotted line and labelled once). Overlays: a PR badge, the invitation
 * status (invited, attending, declined, excluded) and "address
 * confidential". Friends, neighbours and professionals sit in a band of
 * their own below the family.
 *
 * The layout is deterministic: the same records give the same drawing
 * byte for byte, whatever order they are given in (everything is sorted by
 * its own keys first, ties broken by id). Labels never carry an address. */
#ifndef HEARTH_GENOGRAM_H
#define HEARTH_GENOGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include "../util/buf.h"

enum geno_gender { GENO_UNKNOWN = 0, GENO_MALE, GENO_FEMALE, GENO_OTHER };

enum geno_status { GENO_NOT_INVITED = 0, GENO_INVITED, GENO_ATTENDING, GENO_DECLINED, GENO_EXCLUDED };

struct geno_person {
	const char *id;		/* unique, stable; the last tie-break everywhere */
	const char *name;	/* as shown: the person's full name */
	const char *birth;	/* "YYYY-MM-DD", "YYYY" or NULL: siblings oldest left */
	int age;		/* approximate age when birth is unknown, else -1 */
	enum geno_gender gender;
	bool subject;		/* the child the meeting is about */
	bool deceased;
	int death_year;		/* 0 when not known */
	bool pr;		/* holds parental responsibility for the subject */
	bool address_confidential;
	enum geno_status status;
	const char *household;	/* id of the household they live in, or NULL */
};

enum geno_kind {
	GENO_PARENT = 0,	/* a is a parent of b; subtype enum geno_parent */
	GENO_PARTNER,		/* a and b; subtype enum geno_partner */
	GENO_SIBLING,		/* a and b, full siblings */
	GENO_HALF_SIBLING,	/* a and b */
	GENO_GRANDPARENT,	/* a is a grandparent of b */
	GENO_AUNT_UNCLE,	/* a is an aunt or uncle of b */
	GENO_COUSIN,		/* a and b */
	GENO_CARER,		/* a is a foster or kinship carer of b; subtype enum geno_carer */
	GENO_FRIEND,		/* a is a friend of b */
	GENO_NEIGHBOUR,		/* a is a neighbour of b */
	GENO_PROFESSIONAL	/* a works with b; note = agency and role */
};

enum geno_parent { GENO_BIRTH = 0, GENO_ADOPTIVE, GENO_STEP };
enum geno_partner { GENO_MARRIED = 0, GENO_COHABITING, GENO_SEPARATED, GENO_DIVORCED, GENO_DATING };
enum geno_carer { GENO_FOSTER = 0, GENO_KINSHIP };

struct geno_rel {
	const char *id;		/* unique, stable */
	const char *a, *b;	/* person ids */
	enum geno_kind kind;
	int subtype;		/* per kind, see above; 0 otherwise */
	int start_year, end_year; /* 0 when not known (partners: together, apart) */
	const char *note;	/* professional: "Agency, role"; else NULL */
};

struct geno_household {
	const char *id;
	const char *label;	/* e.g. "Nowak household": never an address */
};

struct geno_input {
	const struct geno_person *people;
	size_t npeople;
	const struct geno_rel *rels;
	size_t nrels;
	const struct geno_household *households;
	size_t nhouseholds;
	const char *title;	/* the SVG's <title>, e.g. "Genogram for case FM-2026-0001" */
};

/* Appends a complete standalone SVG document to out: a viewBox sized to the
 * drawing (it scales to A4 landscape when printed), role="img" with a
 * <title> and <desc>, and a legend of the marks used. Relationships naming
 * a person not in the input are ignored. Returns 0. */
int genogram_svg(const struct geno_input *in, struct buf *out);

/* Lays the drawing out as genogram_svg() would and checks that no two
 * people's marks (shape, badges and label lines) overlap and that no
 * household label is crossed by a line or lies over other text or a mark:
 * 0 when all is clear, else -1 with the two people (or the household) named
 * in why. For tests and diagnostics. */
int genogram_layout_check(const struct geno_input *in, char *why, size_t n);

#endif
