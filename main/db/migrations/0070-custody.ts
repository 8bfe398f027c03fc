/**
 * Custody (issue 12): the database's own id (backups are kept and listed per database), and the
 * audit log's hash chain. The chain is filled by a trigger through the SQL function
 * cadre_audit_hash (main/db/audit-chain.ts, registered on every connection the app opens); sealed
 * entries cannot be updated or deleted.
 */
export default `
CREATE TABLE db_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO db_meta (key, value) VALUES ('id', lower(hex(randomblob(8))));

ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log BEGIN
  UPDATE audit_log SET
    prev_hash = (SELECT hash FROM audit_log WHERE id < NEW.id ORDER BY id DESC LIMIT 1),
    hash = cadre_audit_hash((SELECT hash FROM audit_log WHERE id < NEW.id ORDER BY id DESC LIMIT 1),
      NEW.id, NEW.at, NEW.actor, NEW.action, NEW.entity, NEW.entity_id, NEW.cadre_id, NEW.summary, NEW.before, NEW.after)
  WHERE id = NEW.id;
  INSERT INTO db_meta (key, value) VALUES ('audit_head', NEW.id)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN OLD.hash IS NOT NULL BEGIN
  SELECT RAISE(ABORT, '审计记录只能追加，不能修改');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, '审计记录只能追加，不能删除');
END;
`
