/**
 * Backup to a folder the administrator names (a USB stick), and restore from a backup file after
 * the check (issue 12). Copies of an encrypted database stay encrypted with its key.
 */
import { useState } from 'react'
import { call } from '../../api'
import { confirmDialog, showError, showMessage } from '../../components'
import { useApiQuery } from '../../lib/query'

export function BackupElsewhere({ busy, onDone }: { busy: boolean; onDone(): void }) {
  const [folder, setFolder] = useState('')
  const [file, setFile] = useState('')
  const [working, setWorking] = useState(false)
  // The desktop app has a folder picker (Electron's dialog); in the browser the path is typed.
  const canPick = useApiQuery('workspace.status', undefined).data?.canChooseFolder ?? false
  const pick = async () => {
    try {
      const f = await call('workspace.chooseFolder', { purpose: 'backup' })
      if (f) setFolder(f)
    } catch (e) {
      showError(e)
    }
  }
  const toFolder = async () => {
    setWorking(true)
    try {
      const b = await call('backup.toFolder', { folder })
      showMessage(`已备份到 ${b.path}`, 'success')
    } catch (e) {
      showError(e)
    } finally {
      setWorking(false)
    }
  }
  const fromFile = async () => {
    const ok = await confirmDialog({
      title: '从文件恢复',
      message: `将用备份文件“${file}”替换当前数据。\n恢复前会检查该文件是否完好、是否为本系统的数据库，并把当前数据另存一份；变更记录全部保留，并记下这次恢复。确定恢复？`,
      okText: '检查并恢复',
      danger: true,
    })
    if (!ok) return
    setWorking(true)
    try {
      const r = await call('backup.restoreFile', { path: file })
      showMessage(`已从 ${r.restoredFrom} 恢复；恢复前的数据已另存为 ${r.safetyCopy}`, 'success')
      onDone()
    } catch (e) {
      showError(e)
    } finally {
      setWorking(false)
    }
  }
  const off = busy || working
  return (
    <div className="settings-elsewhere" data-testid="backup-elsewhere">
      <div className="settings-row">
        <label htmlFor="backup-folder">备份到其他位置</label>
        <input
          id="backup-folder"
          className="input"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          placeholder="文件夹，例如 U 盘：E:\\干部数据备份"
          data-testid="backup-folder"
        />
        {canPick ? (
          <button
            type="button"
            className="btn btn-small"
            disabled={off}
            data-testid="backup-folder-pick"
            onClick={() => void pick()}
          >
            选择…
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-small"
          disabled={off || !folder.trim()}
          onClick={() => void toFolder()}
        >
          备份到此文件夹
        </button>
      </div>
      <div className="settings-row">
        <label htmlFor="restore-file">从文件恢复</label>
        <input
          id="restore-file"
          className="input"
          value={file}
          onChange={(e) => setFile(e.target.value)}
          placeholder="备份文件的完整路径（.sqlite）"
          data-testid="restore-file"
        />
        <button
          type="button"
          className="btn btn-small"
          disabled={off || !file.trim()}
          onClick={() => void fromFile()}
        >
          检查并恢复
        </button>
      </div>
    </div>
  )
}
