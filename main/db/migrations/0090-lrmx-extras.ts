// Applied migrations are never edited (their hash is checked at start-up).
export default /* sql */ `
-- LRMX 4.0 fields kept as the file gave them (main/lrmx): 改革前任职年龄界限 as written
-- ("改革前任职年龄界限为55岁"), and the file's own 到龄年月 (YYYY-MM) for reference. The export
-- writes 到龄年月 from the retirement rule (main/domain/retirement.ts) and falls back to the kept
-- value only when the rule cannot say (no birth month).
CREATE TABLE lrmx_extras (
  cadre_id INTEGER PRIMARY KEY REFERENCES cadres(id) ON DELETE CASCADE,
  retire_month TEXT CHECK (retire_month IS NULL OR retire_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
  age_limit_text TEXT,
  updated_at TEXT NOT NULL
);
`
