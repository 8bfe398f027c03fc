/**
 * 数据加密 (issue 12, administrators): whether the database is encrypted at rest, and for a plain
 * one 加密数据库…: after a confirm the app encrypts the file in place (main/workspace encrypt →
 * main/db/encrypt.ts, as the CLI's `encrypt`: an SQLite copy encrypted, checked, renamed over the
 * file; its backups too) and shows the recovery key once, to print and keep.
 */
import { useState } from 'react'
import type { EncryptOutcome } from '../../../../main/ipc/contract/workspace'
import { call } from '../../api'
import { Dialog, FormSection, confirmDialog, showError } from '../../components'
import { useApiQuery } from '../../lib/query'

export function EncryptSection() {
  const status = useApiQuery('custody.status', undefined)
  const ws = useApiQuery('workspace.status', undefined)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<EncryptOutcome | null>(null)
  const [kept, setKept] = useState(false)
  // Only administrators may read it (main/ipc/access.ts): others do not see the section.
  if (status.error?.code === 'forbidden' || !status.data) return null
  const managed = ws.data?.managed ?? false
  const desktop = ws.data?.canChooseFolder ?? false

  const encrypt = async (): Promise<void> => {
    const ok = await confirmDialog({
      title: '加密数据库',
      message:
        `将把数据库“${status.data?.dbPath ?? ''}”就地加密，它的备份与安全副本一并加密。\n` +
        '加密时程序先经 SQLite 复制出加密副本，核对无误后才替换原文件，原文件不会先被删除；任何一步出错，原文件保持原样。\n' +
        '加密期间（通常几秒到一分钟）暂停使用，完成后请重新登录。\n' +
        '完成后会显示一次恢复密钥，请打印或抄写，封存在机要柜中。确定加密？',
      okText: '开始加密',
      danger: true,
    })
    if (!ok) return
    setBusy(true)
    try {
      setDone(await call('workspace.encrypt', { confirm: true }))
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <FormSection
      title="数据加密"
      actions={
        !status.data.encrypted && managed ? (
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={busy}
            data-testid="encrypt-start"
            onClick={() => void encrypt()}
          >
            {busy ? '正在加密…' : '加密数据库…'}
          </button>
        ) : null
      }
    >
      <div className="settings-row" data-testid="encrypt-status">
        {status.data.encrypted ? (
          <span>
            <b className="settings-ok">数据库已加密</b>：数据文件、备份与安全副本不用密钥无法读取。
          </span>
        ) : (
          <span>
            <b className="settings-warn">数据库尚未加密</b>
            ：复制走数据文件或备份的人可以直接读到身份证号等信息。
            {managed ? '建议现在加密。' : '请用命令行 encrypt 加密（见 README）。'}
          </span>
        )}
      </div>
      <Dialog
        open={!!done}
        title="数据库已加密：恢复密钥"
        width={600}
        testId="encrypt-done"
        onClose={() => undefined}
        closable={false}
        footer={
          <>
            <button type="button" className="btn" onClick={() => window.print()}>
              打印
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!kept}
              data-testid="encrypt-close"
              onClick={() => window.location.reload()}
            >
              完成，重新登录
            </button>
          </>
        }
      >
        {done ? (
          <div className="auth-recovery" data-testid="encrypt-recovery-key">
            <div className="auth-recovery-title">恢复密钥（只显示这一次）</div>
            <code>{done.recoveryKey}</code>
            <p>
              {done.copies ? `已加密数据库及其 ${done.copies} 份备份和安全副本。` : '已加密数据库。'}
              {done.sealed
                ? '密钥已由本机系统密钥库保管，本机下次启动会自动打开；若更换电脑账户或系统密钥库被重置，需要用这串恢复密钥才能打开数据库。'
                : desktop
                  ? '本机没有可用的系统密钥库：下次启动前须设置环境变量 CADRE_DB_KEY=恢复密钥。'
                  : '浏览器方式运行：下次启动本机服务前须设置环境变量 CADRE_DB_KEY=恢复密钥，否则无法打开数据库。'}
              请现在打印或抄写，封存在机要柜中，不要与电脑放在一起。
            </p>
            <label className="auth-check">
              <input
                type="checkbox"
                checked={kept}
                data-testid="encrypt-kept"
                onChange={(e) => setKept(e.target.checked)}
              />
              我已打印或抄写恢复密钥并妥善保管
            </label>
          </div>
        ) : null}
      </Dialog>
    </FormSection>
  )
}
