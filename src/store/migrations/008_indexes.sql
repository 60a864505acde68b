-- Issue 7: indexes for a service with decades of cases. Every column a
-- query looks rows up by has one, so a case page reads only its own rows
-- however many cases there are; the case list pages in the database, in
-- its own order, from an index.
CREATE INDEX consents_person ON consents(person_id);
CREATE INDEX plans_meeting ON plans(meeting_id);
CREATE INDEX distributions_plan ON distributions(plan_id);
CREATE INDEX attendance_person ON attendance(person_id);
CREATE INDEX conversations_member ON conversations(member_id);
CREATE INDEX exclusions_member ON exclusions(member_id);
CREATE INDEX cases_consultation ON cases(consultation_at DESC, id);
CREATE INDEX cases_stage_consultation ON cases(stage, consultation_at DESC, id);
DROP INDEX cases_stage;
