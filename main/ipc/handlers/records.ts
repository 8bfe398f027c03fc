/** Handlers of the records channels (contract/records.ts): thin calls into main/records/. */
import { importAssessmentResults } from '../../records/assessment-import'
import { knownGrade, loadYearGrid, resolvePasted, setGrades, yearGridCounts } from '../../records/assessments'
import { gradeWarnings, recordCrossChecks } from '../../records/crosschecks'
import { addRecord, listRecords, recordWarnings, removeRecord, updateRecord } from '../../records/entries'
import { exportPool, exportTalkLedger } from '../../records/exports'
import type { RecordData, RecordKind } from '../../records/kinds'
import { listPostings, stationedAt } from '../../records/postings'
import { addToPool, listPool, poolFigures, setPoolStatus } from '../../records/reserve'
import { escalationWindowMonths, talkDueMonths } from '../../records/settings'
import {
  addRoundMembers,
  createRound,
  deleteRound,
  listRounds,
  monthlyRanking,
  roundGrid,
  saveRoundEntries,
  setMonthlyScores,
} from '../../records/studies'
import { escalationHints, talkLedger, talksDue } from '../../records/talks'
import { GRADE_VOCAB, unknownTermText } from '../../records/vocab'
import type { AppContext } from '../../services/context'
import type { AnyListedRecord, AnyRecord, GradesSaved, SavedRecord, recordsChannels } from '../contract/records'
import type { Handlers } from '../registry'

type RecordsHandlers = Pick<Handlers, keyof typeof recordsChannels>

/** The saved record with what its entry is warned about (saved all the same). */
function saved(ctx: AppContext, kind: RecordKind, rec: AnyRecord): SavedRecord {
  const r = rec as unknown as { id: number; cadreId: number } & Record<string, unknown>
  const crossChecks = recordCrossChecks(ctx, kind, r)
  const warnings = [...recordWarnings(kind, r), ...crossChecks.map((c) => c.message)]
  return { ...rec, warnings, crossChecks }
}

/**
 * The year grid's save. A grade the regulations do not name is kept as typed, as the Excel import
 * keeps it (issue 10): one warning naming the person and the value; the review reads it 待核实.
 * Then the cross-checks of every grade set ("姓名：…").
 */
function saveGrades(
  ctx: AppContext,
  a: { year: number; kind?: string; changes: { cadreId: number; grade: string | null }[] },
): GradesSaved {
  const r = setGrades(ctx, { ...a, keepUnknown: true })
  const warnings: GradesSaved['warnings'] = []
  const nameOf = ctx.db.prepare('SELECT name FROM cadres WHERE id = ?').pluck()
  for (const c of a.changes) {
    const raw = (c.grade ?? '').trim()
    if (!raw) continue
    const name = String(nameOf.get(c.cadreId) ?? '')
    if (knownGrade(raw) === null) {
      const typed = raw.replace(/[\s\u3000]+/g, '')
      warnings.push({ cadreId: c.cadreId, name, message: `${name}：${unknownTermText(GRADE_VOCAB, typed)}` })
      continue
    }
    const ws = gradeWarnings(ctx, c.cadreId, { year: a.year, kind: a.kind ?? '年度考核', grade: raw })
    for (const w of ws) warnings.push({ cadreId: c.cadreId, name, message: `${name}：${w.message}` })
  }
  return { ...r, warnings }
}

export function createRecordsHandlers(ctx: AppContext): RecordsHandlers {
  return {
    'records.list': (a) => listRecords(ctx, a.kind, a.cadreId) as AnyListedRecord[],
    'records.add': (a) =>
      saved(ctx, a.kind, addRecord(ctx, a.kind as RecordKind, a.cadreId, a.data as RecordData<RecordKind>) as AnyRecord),
    'records.addMany': (a) =>
      ctx.db.transaction(() =>
        [...new Set(a.cadreIds)].map((cadreId) =>
          saved(ctx, a.kind, addRecord(ctx, a.kind as RecordKind, cadreId, a.data as RecordData<RecordKind>) as AnyRecord),
        ),
      )(),
    'records.update': (a) =>
      saved(ctx, a.kind, updateRecord(ctx, a.kind as RecordKind, a.id, a.data as RecordData<RecordKind>) as AnyRecord),
    'records.remove': (a) => {
      removeRecord(ctx, a.kind, a.id)
      return null
    },
    'assessments.grid': (a) => loadYearGrid(ctx, a),
    'assessments.counts': (a) => yearGridCounts(ctx, a),
    'assessments.resolvePaste': (a) => resolvePasted(ctx, a),
    'assessments.setGrades': (a) => saveGrades(ctx, a),
    'assessments.import': (a) => importAssessmentResults(ctx, a.bytes, a),
    'assessments.previewImport': (a) => importAssessmentResults(ctx, a.bytes, { ...a, dryRun: true }),
    'studies.rounds': () => listRounds(ctx),
    'studies.createRound': (a) => createRound(ctx, a),
    'studies.deleteRound': (a) => {
      deleteRound(ctx, a.id)
      return null
    },
    'studies.grid': (a) => roundGrid(ctx, a.roundId),
    'studies.save': (a) => saveRoundEntries(ctx, a.roundId, a.entries),
    'studies.addMembers': (a) => addRoundMembers(ctx, a.roundId, a.cadreIds),
    'studies.monthly': (a) => monthlyRanking(ctx, a),
    'studies.setMonthly': (a) => setMonthlyScores(ctx, a),
    'talks.ledger': (a) => talkLedger(ctx, a),
    'talks.export': (a) => exportTalkLedger(ctx, a),
    'talks.escalation': (a) => escalationHints(ctx, a),
    'talks.due': () => talksDue(ctx),
    'reserve.list': (a) => listPool(ctx, a),
    'reserve.add': (a) => addToPool(ctx, a),
    'reserve.setStatus': (a) => setPoolStatus(ctx, a),
    'reserve.figures': (a) => poolFigures(ctx, a),
    'reserve.export': (a) => exportPool(ctx, a),
    'postings.list': (a) => listPostings(ctx, a),
    'postings.stationed': (a) => stationedAt(ctx, a),
    'records.settings': () => ({
      escalationWindowMonths: escalationWindowMonths(ctx),
      talkDueMonths: talkDueMonths(ctx),
    }),
  }
}
