/** 加入后备干部库: several cadres at once with level, entry way and date. Used by the roster's
 *  action (mounted on the fly) and the 后备干部 page. The pool page and the roster refresh by the
 *  change events, wherever the dialog was opened. */
import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import type { CadreRow } from '../../../../main/domain/cadre'
import { fieldOf } from '../../../../main/records/fields'
import { RESERVE_ENTRY_WAYS, RESERVE_LEVELS } from '../../../../main/records/kinds'
import { call } from '../../api'
import { FormGrid, SelectField, TextField, showMessage } from '../../components'
import { ActionDialog } from '../../kit'
import { DataProvider } from '../../lib/query'
import { CadrePicker } from './CadrePicker'
import { tidyMonth, todayStr } from './shared'

export function AddToPoolDialog({
  cadreIds,
  onClose,
}: {
  /** Preselected (from the roster); when empty the dialog offers a picker. */
  cadreIds: number[]
  onClose(): void
}) {
  const [level, setLevel] = useState<string>(RESERVE_LEVELS[0])
  const [way, setWay] = useState<string>(RESERVE_ENTRY_WAYS[0])
  const [date, setDate] = useState(todayStr().slice(0, 7).replace('-', '.'))
  const [picked, setPicked] = useState<CadreRow[]>([])
  const [dateError, setDateError] = useState<string | null>(null)
  const ids = cadreIds.length > 0 ? cadreIds : picked.map((r) => r.id)
  const save = async () => {
    const m = tidyMonth(date)
    if (m !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) {
      setDateError('入库时间应为年月，如 2025.03')
      return false
    }
    const r = await call('reserve.add', { cadreIds: ids, level, entryWay: way || null, entryDate: m })
    const skipped = r.skipped.map((s) => `${s.name}（${s.reason}）`).join('，')
    showMessage(
      `已将 ${r.added} 人列入${level}${skipped ? `；未加入：${skipped}` : ''}`,
      r.skipped.length ? 'warning' : 'success',
    )
    // Added, with what the regulations say against it (impact period, 立案审查, level): shown here
    // until read (main/records/crosschecks.ts).
    return {
      lead: '已加入。请注意：',
      items: r.warnings.map((w) => w.message),
      testId: 'pool-crosscheck-warning',
      okTestId: 'pool-checks-ok',
    }
  }
  return (
    <ActionDialog
      title="加入后备干部库"
      onClose={onClose}
      onConfirm={save}
      width={600}
      testId="add-to-pool"
      confirmTestId="pool-add-confirm"
      confirmText={`加入（${ids.length} 人）`}
      disabled={ids.length === 0}
    >
      {cadreIds.length > 0 ? (
        <p className="rec-lead">将花名册中选中的 {cadreIds.length} 名干部列入后备干部库。</p>
      ) : (
        <CadrePicker selected={picked} onChange={setPicked} />
      )}
      <FormGrid columns={1}>
        <SelectField
          label={fieldOf('reserve', 'level').label}
          value={level}
          onChange={setLevel}
          options={RESERVE_LEVELS}
          required
          name="pool-level"
        />
        <SelectField
          label={fieldOf('reserve', 'entryWay').label}
          value={way}
          onChange={setWay}
          options={RESERVE_ENTRY_WAYS}
          name="pool-way"
        />
        <TextField
          label={fieldOf('reserve', 'entryDate').label}
          value={date}
          onChange={setDate}
          error={dateError}
          placeholder="如 2025.03"
          name="pool-date"
        />
      </FormGrid>
    </ActionDialog>
  )
}

/** Opens the dialog outside any page (the roster's toolbar action), with the app's data cache. */
export function openAddToPool(cadreIds: number[]): void {
  const host = document.createElement('div')
  document.body.appendChild(host)
  const root = createRoot(host)
  const close = () => {
    root.unmount()
    host.remove()
  }
  root.render(
    <DataProvider>
      <AddToPoolDialog cadreIds={cadreIds} onClose={close} />
    </DataProvider>,
  )
}
