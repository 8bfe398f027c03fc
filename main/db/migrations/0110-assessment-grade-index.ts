// Applied migrations are never edited (their hash is checked at start-up).
export default /* sql */ `
-- The year grid of 年度考核 at 100,000 cadres (issue 11): the count per grade, the 等次 filter and
-- the sort by grade read the grades of one year and kind from this index alone, never the table.
CREATE INDEX assessments_year_grade ON assessments(year, kind, grade, cadre_id);
CREATE INDEX assessments_cadre_grade ON assessments(cadre_id, year, kind, grade);
`
