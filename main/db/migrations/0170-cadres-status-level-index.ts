// Applied migrations are never edited (their hash is checked at start-up).
export default /* sql */ `
-- 任职资格审查 at 100,000 cadres (issue 11): how many in-service cadres a target would promote
-- (status, then 职务层次 or 职级 outside the target's and above) is counted from this index alone,
-- without reading each cadre's row (160–190 ms → a few ms; the first rows wait for that count).
CREATE INDEX cadres_status_level_rank ON cadres(status, position_level, rank);
`
