/** Handlers of the records channels (contract/records.ts): thin calls into main/records/. */
import { importAssessmentResults } from '../../records/assessment-import'
import { loadYearGrid, setGrades } from '../../records/assessments'
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

function gradesSaved(
  ctx: AppContext,
  a: { year: number; kind?: string; changes: { cadreId: number; grade: string | null }[] },
  r: ReturnType<typeof setGrades>,
): GradesSaved {
  const warnings: GradesSaved['warnings'] = []
  const nameOf = ctx.db.prepare('SELECT name FROM cadres WHERE id = ?').pluck()
  for (const c of a.changes) {
    if (!c.grade) continue
    const ws = gradeWarnings(ctx, c.cadreId, { year: a.year, kind: a.kind ?? '年度考核', grade: c.grade })
    if (ws.length === 0) continue
    const name = String(nameOf.get(c.cadreId) ?? '')
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
    'assessments.setGrades': (a) => gradesSaved(ctx, a, setGrades(ctx, a)),
    'assessments.import': (a) => importAssessmentResults(ctx, a.bytes, a),
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
