// Applied migrations are never edited (their hash is checked at start-up).
export default /* sql */ `
-- 干部任免审批表: the fields that belong to one appointment, kept with each form (DOMAIN.md).
-- A cadre may have several forms over the years; the newest is the one printed by default.
-- rewards_text / assessment_text, when not NULL, replace the 奖惩情况 / 年度考核结果 text that is
-- otherwise composed from the rewards, discipline and assessments records.
CREATE TABLE appointment_forms (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  proposed_position TEXT,
  proposed_removal TEXT,
  reason TEXT,
  reporting_unit TEXT,
  filled_by TEXT,
  age_at TEXT,
  filled_at TEXT,
  rewards_text TEXT,
  assessment_text TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX appointment_forms_cadre ON appointment_forms(cadre_id, id);
`
