// Applied migrations are never edited (their hash is checked at start-up).
export default /* sql */ `
-- Issue 6: promotion eligibility review (任职资格审查).

-- Rule sets per target, one row per saved version (the history of changes). No row for a target
-- means the built-in defaults (version 0, main/eligibility/rules.ts).
CREATE TABLE eligibility_rule_sets (
  id INTEGER PRIMARY KEY,
  target TEXT NOT NULL,
  version INTEGER NOT NULL,
  -- JSON [{"id":"tenure","label":"任职年限","params":{...}}, ...]
  rules TEXT NOT NULL,
  note TEXT,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (target, version)
);

-- A head's decision on a candidate in a review round (target + review date). Every decision is
-- kept; the newest per cadre and round is the current one. The rule set version and the verdict
-- (with each rule's outcome) are stored as they were when the decision was made.
CREATE TABLE eligibility_decisions (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  target TEXT NOT NULL,
  review_date TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('推荐', '暂缓', '不予推荐')),
  note TEXT,
  rule_set_version INTEGER NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('符合', '不符合', '待补充信息')),
  outcomes TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX eligibility_decisions_round ON eligibility_decisions(target, review_date, cadre_id, id);

-- Override of one failed rule for a candidate in a round, with the written reason (also in the
-- audit log). Revoking keeps the row.
CREATE TABLE eligibility_overrides (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  target TEXT NOT NULL,
  review_date TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  -- the failing reason the override answered, e.g. "2026-08-03 诫勉谈话，影响期至 2027-02-03"
  failed_reason TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT
);
CREATE INDEX eligibility_overrides_round ON eligibility_overrides(target, review_date, cadre_id);

-- 立案审查调查: no base table records it, so the review keeps its own register. A row with
-- closed_on NULL is a running investigation and fails the 'investigation' rule; a cadre without
-- a running row passes it ("未登记正在接受的立案审查调查").
CREATE TABLE eligibility_investigations (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  since TEXT,
  closed_on TEXT,
  note TEXT,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX eligibility_investigations_cadre ON eligibility_investigations(cadre_id);
`
