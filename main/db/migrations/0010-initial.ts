// Applied migrations are never edited (their hash is checked at start-up).
export default /* sql */ `
-- The cadre database: everything of DOMAIN.md and the exchange file of CLI.md.
-- Months are TEXT 'YYYY-MM', days TEXT 'YYYY-MM-DD'. Records are never deleted silently:
-- a cadre who leaves gets status 调出/退休/去世.

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
  kind TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE cadres (
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
  updated_at TEXT NOT NULL
);
CREATE INDEX cadres_unit ON cadres(unit_id);
CREATE INDEX cadres_status_name ON cadres(status, name);
CREATE INDEX cadres_initials ON cadres(name_initials);

CREATE TABLE resume_entries (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  start TEXT,
  end TEXT,
  text TEXT NOT NULL
);
CREATE INDEX resume_cadre ON resume_entries(cadre_id, seq);

CREATE TABLE family_members (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  relation TEXT NOT NULL,
  name TEXT NOT NULL,
  birth_date TEXT,
  political_status TEXT,
  work_unit_position TEXT
);
CREATE INDEX family_cadre ON family_members(cadre_id, seq);

CREATE TABLE rewards (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  date TEXT,
  name TEXT NOT NULL,
  issuer TEXT
);
CREATE INDEX rewards_cadre ON rewards(cadre_id);

CREATE TABLE discipline (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  system TEXT NOT NULL CHECK (system IN ('党纪', '政务', '组织处理')),
  measure TEXT NOT NULL,
  reason TEXT
);
CREATE INDEX discipline_cadre ON discipline(cadre_id, date);

CREATE TABLE assessments (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT '年度考核',
  grade TEXT NOT NULL,
  UNIQUE (cadre_id, year, kind)
);

CREATE TABLE studies (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  round TEXT NOT NULL,
  scores TEXT NOT NULL DEFAULT '{}',
  conclusion TEXT,
  recommendation TEXT
);
CREATE INDEX studies_cadre ON studies(cadre_id, date);

CREATE TABLE talks (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  talker TEXT,
  reason TEXT,
  content TEXT,
  follow_up TEXT,
  follow_up_deadline TEXT,
  doc_no TEXT
);
CREATE INDEX talks_cadre ON talks(cadre_id, date);
CREATE INDEX talks_date ON talks(date);

CREATE TABLE reserve_entries (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  level TEXT NOT NULL,
  entry_date TEXT,
  entry_way TEXT,
  status TEXT NOT NULL DEFAULT '在库',
  exit_date TEXT,
  exit_reason TEXT
);
CREATE INDEX reserve_cadre ON reserve_entries(cadre_id);

CREATE TABLE postings (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  place TEXT,
  start TEXT,
  end TEXT
);
CREATE INDEX postings_cadre ON postings(cadre_id);

CREATE TABLE training (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  start TEXT,
  end TEXT,
  hours REAL
);
CREATE INDEX training_cadre ON training(cadre_id);

-- Who changed what, when: before and after as JSON. Never edited, never pruned by the app.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER,
  cadre_id INTEGER,
  summary TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_cadre ON audit_log(cadre_id, id);
CREATE INDEX audit_at ON audit_log(at);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`
