/** 变更状态: 在职 → 调出 / 退休 / 去世 (or back). Records are kept; the change is confirmed and logged. */
import { useState } from 'react'
import { STATUSES } from '../../../../main/domain/fields'
import { Dialog, TextAreaField, confirmDialog } from '../../components'

export type Status = (typeof STATUSES)[number]

export function StatusDialog({
  open,
  name,
  current,
  onClose,
  onConfirm,
}: {
  open: boolean
  name: string
  current: string
  onClose(): void
  onConfirm(status: Status, note: string): Promise<void>
}) {
  const choices = STATUSES.filter((s) => s !== current)
  const [status, setStatus] = useState<Status | ''>('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (!status) return
    const ok = await confirmDialog({
      title: '确认变更状态',
      message: `确认将 ${name} 的状态由“${current || '在职'}”改为“${status}”？\n档案不会删除，变更将记入变更记录，日后可以改回。`,
      okText: '确认变更',
      danger: status !== '在职',
    })
    if (!ok) return
    setBusy(true)
    try {
      await onConfirm(status, note.trim())
      setStatus('')
      setNote('')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog
      open={open}
      title={`变更状态：${name}`}
      onClose={onClose}
      width={480}
      testId="status-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!status || busy}
            onClick={() => void submit()}
          >
            确定
          </button>
        </>
      }
    >
      <div className="status-choices" role="radiogroup" aria-label="新状态">
        <span className="muted">当前状态：{current || '在职'}，改为：</span>
        {choices.map((s) => (
          <label key={s} className="chooser-item">
            <input type="radio" name="status" checked={status === s} onChange={() => setStatus(s)} />
            {s}
          </label>
        ))}
      </div>
      <TextAreaField
        label="说明"
        value={note}
        onChange={setNote}
        rows={3}
        placeholder="如：调往某某县工作；2025年3月退休"
      />
    </Dialog>
  )
}
