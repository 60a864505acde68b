-- Issue 6: the plan sent by e-mail through the outbox. A message that
-- carries a plan names it, so that when the mail worker has sent it the
-- recipient is recorded as sent the plan in the same transaction.
ALTER TABLE outbox ADD COLUMN plan_id TEXT REFERENCES plans(id);
CREATE INDEX outbox_plan ON outbox(plan_id);
