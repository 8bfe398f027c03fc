// Applied migrations are never edited (their hash is checked at start-up).
//
// 到龄时间 as a generated column: the 2025 reform's rule (main/domain/retirement.ts, 全国人大常委会关于
// 实施渐进式延迟法定退休年龄的决定) written once more in SQL so the roster can sort and filter 100,000
// people through an index. tests/db/retirement-sql.test.ts checks it against the TypeScript rule for
// every birth month 1950–1995 and each original age.
const BASE = `coalesce(retire_base_age, CASE gender WHEN '男' THEN 60 WHEN '女' THEN 55 END)`
const BY = `CAST(substr(birth_date, 1, 4) AS INTEGER)`
const BM = `CAST(substr(birth_date, 6, 2) AS INTEGER)`
// n: months from January 2025 (= 1) to the month the old age is reached.
const N = `((${BY} + ${BASE} - 2025) * 12 + ${BM})`
const DELAY = `(CASE WHEN ${N} < 1 THEN 0 WHEN ${BASE} = 50 THEN min(60, (${N} - 1) / 2 + 1) ELSE min(36, (${N} - 1) / 4 + 1) END)`
const TOTAL = `((${BY} + ${BASE}) * 12 + ${BM} - 1 + ${DELAY})`
const RETIRE = `(CASE WHEN birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND ${BM} BETWEEN 1 AND 12 AND ${BASE} IS NOT NULL
  THEN printf('%04d-%02d', ${TOTAL} / 12, ${TOTAL} % 12 + 1) END)`

export default /* sql */ `
-- Issue 13. 原法定退休年龄 (50 / 55 / 60) set on the cadre; NULL = the default by gender (男 60, 女 55).
ALTER TABLE cadres ADD COLUMN retire_base_age INTEGER CHECK (retire_base_age IS NULL OR retire_base_age IN (50, 55, 60));
-- 到龄时间 YYYY-MM under the 2025 reform; NULL when the birth month (or gender and set age) is missing: 待补充.
ALTER TABLE cadres ADD COLUMN retire_date TEXT GENERATED ALWAYS AS ${RETIRE} VIRTUAL;
CREATE INDEX cadres_retire_date ON cadres(retire_date, status);

-- 职数: posts allotted to a unit per 职务层次, with the day a post fell vacant.
CREATE TABLE unit_posts (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  level TEXT NOT NULL,
  allotted INTEGER NOT NULL CHECK (allotted >= 0),
  vacant_since TEXT,
  UNIQUE (unit_id, level)
);

-- Dated snapshots of the statistics page (统计分析), kept to compare side by side.
CREATE TABLE stats_snapshots (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  at TEXT NOT NULL,
  scope TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`
