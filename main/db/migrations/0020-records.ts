// Applied migrations are never edited (their hash is checked at start-up).
export default /* sql */ `
-- Issue 5: the cadre's records. The base tables (assessments, studies, talks, discipline, rewards,
-- reserve_entries, postings, training) exist since 0010; this adds what the daily screens need.

-- 研判 rounds: a named, dated study of a group with weighted dimensions. Each member's scores,
-- conclusion and recommendation are rows of studies (studies.round = study_rounds.name).
CREATE TABLE study_rounds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  date TEXT NOT NULL,
  -- JSON [{"name":"政治素养","weight":30}, ...]
  dimensions TEXT NOT NULL DEFAULT '[]',
  -- how the group was chosen: 'posting' (all current holders of a posting kind), 'unit' (a unit's team), 'manual'
  group_kind TEXT NOT NULL DEFAULT 'manual' CHECK (group_kind IN ('posting', 'unit', 'manual')),
  group_value TEXT,
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX studies_round ON studies(round, cadre_id);

-- Monthly scores of stationed cadres (the monthly ranking reported for 第一书记 / 驻村工作队员).
CREATE TABLE monthly_scores (
  id INTEGER PRIMARY KEY,
  cadre_id INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  score REAL NOT NULL,
  note TEXT,
  UNIQUE (cadre_id, month)
);
CREATE INDEX monthly_scores_month ON monthly_scores(month);

-- The end of each cadre's latest discipline / admonishment impact period, maintained by the
-- records services (main/records/impact.ts) so the roster can show and filter 影响期至 cheaply.
CREATE TABLE impact_periods (
  cadre_id INTEGER PRIMARY KEY REFERENCES cadres(id) ON DELETE CASCADE,
  until TEXT NOT NULL,
  source TEXT NOT NULL
);
CREATE INDEX impact_periods_until ON impact_periods(until);

CREATE INDEX assessments_year ON assessments(year, kind);
CREATE INDEX talks_kind_date ON talks(kind, date);
CREATE INDEX reserve_level_status ON reserve_entries(level, status);
CREATE INDEX postings_kind ON postings(kind, start);
CREATE INDEX discipline_date ON discipline(date);
`
