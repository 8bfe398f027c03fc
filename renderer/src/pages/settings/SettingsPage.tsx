/** 系统设置: where the data lives, backups (list, 立即备份, restore after an integrity check), layout reset. */
import { useEffect, useState } from 'react'
import type { AppInfo, BackupInfo } from '../../../../main/ipc/contract/core'
import { dateTimeDots } from '../../../../main/domain/dates'
import { call } from '../../api'
import { FormSection, Page, confirmDialog, errorText, showError, showMessage } from '../../components'
import { SETTINGS_KEY } from '../roster/columns'
import { DemoSection } from './DemoSection'
import { useApiQuery } from '../../lib/query'
import './settings.css'
import { BackupElsewhere } from './BackupElsewhere'
import { EncryptSection } from './EncryptSection'

/** The county's name in export titles (main/export/roster.ts reads the same key). */
const COUNTY_KEY = 'org.countyName'

function size(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(n / 1024))} KB`
}

/** What a backup file is, in words (the file name stays in the tooltip and the data folder). */
function kindOf(file: string): string {
  if (file.startsWith('before-restore-')) return '恢复前另存的数据'
  if (file.startsWith('backup-')) return '备份'
  return '备份文件'
}

/** 2026.11.30 16:09, as every date in the app reads. */
function when(iso: string): string {
  return dateTimeDots(iso)
}

export function SettingsPage() {
  // Read through the one data hook: a backup, a restore or a change made anywhere refetches them.
  const infoQuery = useApiQuery('app.info', undefined)
  const info: AppInfo | null = infoQuery.data ?? null
  const backupsQuery = useApiQuery('backup.list', undefined)
  const backups: BackupInfo[] | null = backupsQuery.data ?? null
  const backupError = backupsQuery.error ? errorText(backupsQuery.error) : null
  const countyQuery = useApiQuery('settings.get', { key: COUNTY_KEY })
  const [busy, setBusy] = useState(false)
  const [county, setCounty] = useState('')
  // Editable once the stored name has come: typed earlier, it was overwritten when it arrived (seen
  // as a save of the wrong name when the machine was slow).
  const countyLoaded = countyQuery.data !== undefined || !!countyQuery.error
  useEffect(() => {
    if (countyQuery.data !== undefined)
      setCounty(typeof countyQuery.data === 'string' ? countyQuery.data : '')
  }, [countyQuery.data])
  useEffect(() => {
    if (infoQuery.error) showError(infoQuery.error)
  }, [infoQuery.error])
  const load = async (): Promise<void> => {
    await Promise.all([infoQuery.refetch(), backupsQuery.refetch()])
  }

  const backupNow = async () => {
    setBusy(true)
    try {
      const b = await call('backup.create', undefined)
      showMessage(`已备份（${when(b.createdAt)}）`, 'success')
      await load()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const restore = async (b: BackupInfo) => {
    const ok = await confirmDialog({
      title: '从备份恢复',
      message: `将用 ${when(b.createdAt)} 的${kindOf(b.file)}替换当前数据。\n恢复前会先检查备份文件是否完好，并把当前数据另存一份，以便需要时找回。\n此后所做的修改将不在恢复后的数据中。确定恢复？`,
      okText: '检查并恢复',
      danger: true,
    })
    if (!ok) return
    setBusy(true)
    try {
      await call('backup.restore', { file: b.file })
      showMessage(
        `已从 ${when(b.createdAt)} 的${kindOf(b.file)}恢复；恢复前的数据已另存一份（列表中的“恢复前另存的数据”）`,
        'success',
      )
      await load()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const saveCounty = async () => {
    const name = county.trim()
    try {
      await call('settings.set', { key: COUNTY_KEY, value: name || null })
      showMessage(
        name ? `已保存：导出的花名册标题为“${name}干部花名册”` : '已清除县名，导出标题将用“某某县”',
        'success',
      )
    } catch (e) {
      showError(e)
    }
  }

  const resetColumns = async () => {
    try {
      await call('settings.set', { key: SETTINGS_KEY, value: null })
      showMessage('花名册的列已恢复为默认设置', 'success')
    } catch (e) {
      showError(e)
    }
  }

  return (
    <Page title="系统设置" testId="settings-page">
      <div className="settings-body">
        <FormSection title="系统信息">
          {info ? (
            <table className="table info-table">
              <tbody>
                <tr>
                  <th>系统名称</th>
                  <td>干部管理系统</td>
                </tr>
                <tr>
                  <th>版本</th>
                  <td>
                    {info.version}（数据结构第 {info.schemaVersion} 版）
                  </td>
                </tr>
                <tr>
                  <th>运行方式</th>
                  <td>{info.host === 'electron' ? '桌面程序' : '浏览器（本机服务）'}</td>
                </tr>
                <tr>
                  <th>干部档案</th>
                  <td data-testid="settings-count">{info.cadreCount.toLocaleString('zh-CN')} 人</td>
                </tr>
                <tr>
                  <th>数据文件</th>
                  <td className="mono selectable">{info.dbPath}</td>
                </tr>
                <tr>
                  <th>数据目录</th>
                  <td className="mono selectable">{info.dataDir}</td>
                </tr>
              </tbody>
            </table>
          ) : (
            <div className="muted">正在读取…</div>
          )}
          <div className="field-hint settings-note">
            数据只保存在本机，不会上传。数据文件含身份证号、家庭成员等个人信息，请妥善保管，复制到其他电脑须经批准。
          </div>
        </FormSection>

        <FormSection
          title="数据备份"
          actions={
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={busy}
              onClick={() => void backupNow()}
            >
              立即备份
            </button>
          }
        >
          <div className="field-hint settings-note">
            {backups && backups.length === 0
              ? '数据库中有数据后，程序每次启动时自动备份（保留最近 10 份）；现在就可以点“立即备份”。'
              : '每次启动时自动备份，保留最近 10 份（只列出本数据库的备份）。备份前、恢复前都会检查数据是否完好；损坏的数据库不会被备份。'}
          </div>
          {backupError ? <div className="field-error settings-note">{backupError}</div> : null}
          <table className="table" data-testid="backup-list">
            <thead>
              <tr>
                <th>备份时间</th>
                <th>内容</th>
                <th style={{ width: 100 }}>大小</th>
                <th style={{ width: 110 }}>操作</th>
              </tr>
            </thead>
            <tbody>
              {backups && backups.length === 0 ? (
                <tr>
                  <td colSpan={4} className="muted table-empty">
                    还没有备份：数据库中还没有数据，或尚未启动过
                  </td>
                </tr>
              ) : null}
              {(backups ?? []).map((b) => (
                <tr key={b.file}>
                  <td>{when(b.createdAt)}</td>
                  <td title={b.file} data-file={b.file}>
                    {kindOf(b.file)}
                  </td>
                  <td>{size(b.size)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={busy}
                      onClick={() => void restore(b)}
                    >
                      恢复
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <BackupElsewhere busy={busy} onDone={() => void load()} />
        </FormSection>

        <EncryptSection />

        <FormSection title="本单位">
          <div className="settings-county">
            <label htmlFor="settings-county" className="settings-county-label">
              县（区）名称
            </label>
            <input
              id="settings-county"
              className="input settings-county-input"
              data-testid="settings-county"
              maxLength={30}
              placeholder={countyLoaded ? '例如：清川县' : '正在读取…'}
              disabled={!countyLoaded}
              value={county}
              onChange={(e) => setCounty(e.target.value)}
            />
            <button type="button" className="btn btn-small btn-primary" disabled={!countyLoaded} onClick={() => void saveCounty()}>
              保存
            </button>
          </div>
          <div className="field-hint settings-note">
            用于导出花名册等文件的标题，如“{county.trim() || '清川县'}干部花名册（截至2026年11月）”。
          </div>
        </FormSection>

        <DemoSection />

        <FormSection title="界面">
          <div className="settings-row">
            <span>花名册显示的列、顺序和列宽会自动保存。</span>
            <button type="button" className="btn btn-small" onClick={() => void resetColumns()}>
              恢复默认列
            </button>
          </div>
        </FormSection>
      </div>
    </Page>
  )
}
