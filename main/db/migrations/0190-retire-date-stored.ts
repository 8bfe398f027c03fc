// Applied migrations are never edited (their hash is checked at start-up).
//
// 到龄时间 (cadres.retire_date, migration 0080) kept in the row instead of computed at each use
// (issue 11). As a VIRTUAL column SQLite computed the rule — some fifty function calls — every
// time it was read, and five times for every cadre written: once per index on it (0080's and
// 0081's three). A 50,000-row roster import spent ~0.3 s on it, a read of the whole roster
// ~0.15 s. STORED computes it once when birth_date, gender or retire_base_age is written; the
// value and every index on it are unchanged.
//
// SQLite cannot turn a VIRTUAL column STORED in place, so the table is rebuilt as its documentation
// prescribes (https://sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
// Changes"): a new table with the same columns, in the same order, the rows copied with their ids,
// the old table dropped, the new one renamed, its indexes made again. Migrations run in one
// transaction with foreign keys off (main/db/open.ts), so dropping the old table deletes nothing
// that refers to it; cadres has no triggers or views. tests/db/retirement-sql.test.ts checks the
// rule against main/domain/retirement.ts for every birth month 1950–1995 and each original age,
// tests/db/migrate-retire-stored.test.ts the rebuild on a database made before it.
//
// The rule, as in 0080 (全国人大常委会关于实施渐进式延迟法定退休年龄的决定, 2025).
const BASE = `coalesce(retire_base_age, CASE gender WHEN '男' THEN 60 WHEN '女' THEN 55 END)`
const BY = `CAST(substr(birth_date, 1, 4) AS INTEGER)`
const BM = `CAST(substr(birth_date, 6, 2) AS INTEGER)`
const N = `((${BY} + ${BASE} - 2025) * 12 + ${BM})`
const DELAY = `(CASE WHEN ${N} < 1 THEN 0 WHEN ${BASE} = 50 THEN min(60, (${N} - 1) / 2 + 1) ELSE min(36, (${N} - 1) / 4 + 1) END)`
const TOTAL = `((${BY} + ${BASE}) * 12 + ${BM} - 1 + ${DELAY})`
const RETIRE = `(CASE WHEN birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND ${BM} BETWEEN 1 AND 12 AND ${BASE} IS NOT NULL
  THEN printf('%04d-%02d', ${TOTAL} / 12, ${TOTAL} % 12 + 1) END)`

const COLUMNS = `id, id_card, name, name_initials, name_pinyin, gender, birth_date, ethnicity, native_place, birth_place,
  party_join_date, political_status, work_start_date, health, tech_title, specialty, edu_full_time, degree_full_time,
  school_full_time, edu_in_service, degree_in_service, school_in_service, unit_id, position, position_level,
  position_date, rank, rank_date, status, phone, photo, created_at, updated_at, level_date, retire_base_age`

export default /* sql */ `
CREATE TABLE cadres_rebuilt (
  id INTEGER PRIMARY KEY,
  id_card TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_initials TEXT NOT NULL DEFAULT '',
  name_pinyin TEXT NOT NULL DEFAULT '',
  gender TEXT,
  birth_date TEXT,
  ethnicity TEXT,
  native_place TEXT,
  birth_place TEXT,
  party_join_date TEXT,
  political_status TEXT,
  work_start_date TEXT,
  health TEXT,
  tech_title TEXT,
  specialty TEXT,
  edu_full_time TEXT,
  degree_full_time TEXT,
  school_full_time TEXT,
  edu_in_service TEXT,
  degree_in_service TEXT,
  school_in_service TEXT,
  unit_id INTEGER REFERENCES units(id),
  position TEXT,
  position_level TEXT,
  position_date TEXT,
  rank TEXT,
  rank_date TEXT,
  status TEXT NOT NULL DEFAULT '在职' CHECK (status IN ('在职', '调出', '退休', '去世')),
  phone TEXT,
  photo BLOB,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  level_date TEXT,
  retire_base_age INTEGER CHECK (retire_base_age IS NULL OR retire_base_age IN (50, 55, 60)),
  retire_date TEXT GENERATED ALWAYS AS ${RETIRE} STORED
);
INSERT INTO cadres_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM cadres ORDER BY id;
DROP TABLE cadres;
ALTER TABLE cadres_rebuilt RENAME TO cadres;
CREATE INDEX cadres_status_name ON cadres(status, name);
CREATE INDEX cadres_initials ON cadres(name_initials);
CREATE INDEX cadres_pinyin_sort ON cadres(name_pinyin, name, status);
CREATE INDEX cadres_unit_status ON cadres(unit_id, status);
CREATE INDEX cadres_retire_date ON cadres(retire_date, status);
CREATE INDEX cadres_retire_asc ON cadres((retire_date IS NULL), retire_date);
CREATE INDEX cadres_retire_desc ON cadres((retire_date IS NOT NULL), retire_date);
CREATE INDEX cadres_status_level_rank ON cadres(status, position_level, rank);
`
