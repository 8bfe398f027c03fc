// Applied migrations are never edited (their hash is checked at start-up).
export default /* sql */ `
-- Issue 10: eligibility by the regulations.

-- Impact per discipline record (main/domain/impact.ts): 留党察看's 察看期 in months, the heavier
-- measure a record stands in for (严重警告 in lieu of 撤销党内职务), and an end day written on the
-- decision that overrides the computed one.
ALTER TABLE discipline ADD COLUMN probation_months INTEGER;
ALTER TABLE discipline ADD COLUMN in_lieu_of TEXT;
ALTER TABLE discipline ADD COLUMN impact_end TEXT;

-- 条例 第二十四条（五）: a spouse, or (with no spouse) all children, settled abroad.
ALTER TABLE family_members ADD COLUMN settled_abroad INTEGER NOT NULL DEFAULT 0;

-- 任现职务层次时间 (the national data standard's time at the current level).
ALTER TABLE cadres ADD COLUMN level_date TEXT;

-- 任职经历: a structured career history (start, end, unit, title, 职务层次 or 职级, 任免文号),
-- from which tenure at a level is computed (公务员职务、职级与级别管理办法).
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  start TEXT,
  end TEXT,
  unit TEXT,
  title TEXT,
  level TEXT,
  rank TEXT,
  doc_no TEXT
);
CREATE INDEX appointments_cadre ON appointments(cadre_id, seq);
`
