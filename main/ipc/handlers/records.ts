/** Handlers of the records channels (contract/records.ts): thin calls into main/records/. */
import { importAssessmentResults } from '../../records/assessment-import'
import { loadYearGrid, setGrades } from '../../records/assessments'
import { addRecord, listRecords, removeRecord, updateRecord } from '../../records/entries'
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
import type { AnyListedRecord, AnyRecord, recordsChannels } from '../contract/records'
import type { Handlers } from '../registry'

type RecordsHandlers = Pick<Handlers, keyof typeof recordsChannels>

export function createRecordsHandlers(ctx: AppContext): RecordsHandlers {
  return {
    'records.list': (a) => listRecords(ctx, a.kind, a.cadreId) as AnyListedRecord[],
    'records.add': (a) =>
      addRecord(ctx, a.kind as RecordKind, a.cadreId, a.data as RecordData<RecordKind>) as AnyRecord,
    'records.update': (a) =>
      updateRecord(ctx, a.kind as RecordKind, a.id, a.data as RecordData<RecordKind>) as AnyRecord,
    'records.remove': (a) => {
      removeRecord(ctx, a.kind, a.id)
      return null
    },
    'assessments.grid': (a) => loadYearGrid(ctx, a),
    'assessments.setGrades': (a) => setGrades(ctx, a),
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
