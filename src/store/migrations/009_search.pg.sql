-- 009: search terms (domain/search.h): each word of a case's child's name
-- and of its reference, so a search reads a range of this index, however
-- many cases there are. Bytewise order (collation "C", whatever the
-- database's own), so that range is every term starting with the word
-- searched for.
CREATE TABLE case_terms (
	term TEXT COLLATE "C" NOT NULL,
	case_id TEXT NOT NULL REFERENCES cases(id),
	PRIMARY KEY (term, case_id)
);
CREATE INDEX case_terms_case ON case_terms(case_id);
