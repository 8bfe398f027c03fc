// Applied migrations are never edited (their hash is checked at start-up).
export default /* sql */ `
-- The roster import chains its own audit entries (main/db/audit-chain.ts chainedAudit: the same
-- link and hash, written with the row; issue 11, ~0.3 s of a 50,000-row import). The trigger of
-- 0070 now chains only an entry that arrives without a hash, every other insert as before.
-- verifyAuditChain still recomputes every hash, however it was written.
DROP TRIGGER audit_log_chain;
CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log WHEN NEW.hash IS NULL BEGIN
  UPDATE audit_log SET
    prev_hash = (SELECT hash FROM audit_log WHERE id < NEW.id ORDER BY id DESC LIMIT 1),
    hash = cadre_audit_hash((SELECT hash FROM audit_log WHERE id < NEW.id ORDER BY id DESC LIMIT 1),
      NEW.id, NEW.at, NEW.actor, NEW.action, NEW.entity, NEW.entity_id, NEW.cadre_id, NEW.summary, NEW.before, NEW.after)
  WHERE id = NEW.id;
  INSERT INTO db_meta (key, value) VALUES ('audit_head', NEW.id)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
`
