-- A convocation e-mail's delivery as the platform's mailer reports it. The governance outbox row names the mail it
-- queued (mail_outbox, the identity module's mailer), and the mail's sending stamps the row's sent_at — kept after
-- retention purges the mail itself. No foreign key: the two outboxes are emptied and purged independently.
ALTER TABLE governance_outbox ADD COLUMN mail_id uuid;
CREATE INDEX governance_outbox_mail_idx ON governance_outbox (mail_id) WHERE mail_id IS NOT NULL;

CREATE FUNCTION governance_outbox_mail_sent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE governance_outbox SET sent_at = NEW.sent_at WHERE mail_id = NEW.id AND sent_at IS NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER mail_outbox_sent_governance AFTER UPDATE OF status ON mail_outbox
  FOR EACH ROW WHEN (NEW.status = 'sent' AND OLD.status IS DISTINCT FROM 'sent')
  EXECUTE FUNCTION governance_outbox_mail_sent();
