/** 账号管理 (administrators): accounts, their roles, disabling, password reset. */
import { useState } from 'react'
import type { Role } from '../../../../main/auth/accounts'
import { call } from '../../api'
import { Dialog, errorText, Page, showMessage } from '../../components'
import { LoadError } from '../../kit'
import { useApiQuery } from '../../lib/query'
import { ROLE_LIST, ROLE_NAMES } from './roles'

interface Draft {
  id: number | null
  login: string
  displayName: string
  roles: Role[]
  disabled: boolean
  password: string
}

const EMPTY: Draft = { id: null, login: '', displayName: '', roles: ['clerk'], disabled: false, password: '' }

export function AccountsPage() {
  // Through the query cache: an account added or changed in another window shows here too.
  const list = useApiQuery('accounts.list', undefined)
  const accounts = list.data
  const [draft, setDraft] = useState<Draft | null>(null)
  const [reset, setReset] = useState<{ id: number; login: string; password: string } | null>(null)
  const [formError, setFormError] = useState<string | null>(null)

  const save = async () => {
    if (!draft) return
    setFormError(null)
    try {
      if (draft.id === null) await call('accounts.create', { login: draft.login, displayName: draft.displayName, roles: draft.roles, password: draft.password })
      else await call('accounts.update', { id: draft.id, displayName: draft.displayName, roles: draft.roles, disabled: draft.disabled })
      showMessage(draft.id === null ? `已新建账号“${draft.login}”` : '已保存账号', 'success')
      setDraft(null)
    } catch (e) {
      setFormError(errorText(e))
    }
  }
  const doReset = async () => {
    if (!reset) return
    setFormError(null)
    try {
      await call('accounts.resetPassword', { id: reset.id, password: reset.password })
      showMessage(`已重设“${reset.login}”的密码，对方下次登录时须修改`, 'success')
      setReset(null)
    } catch (e) {
      setFormError(errorText(e))
    }
  }
  const toggle = (r: Role) => draft && setDraft({ ...draft, roles: draft.roles.includes(r) ? draft.roles.filter((x) => x !== r) : [...draft.roles, r] })

  return (
    <Page title="账号管理" testId="accounts-page">
      <p className="auth-note" style={{ margin: '0 0 12px' }}>
        干部科：录入、修改、导入干部信息；部长·副部长：另可记录资格审查结论和豁免；管理员：账号、系统设置、规则、备份与恢复。一个人可兼任多个角色。
      </p>
      {list.isError ? (
        <LoadError error={list.error} what="读取账号" retry={() => void list.refetch()} busy={list.isFetching} />
      ) : null}
      <div style={{ marginBottom: 12 }}>
        <button type="button" className="btn btn-primary" onClick={() => (setFormError(null), setDraft({ ...EMPTY }))} data-testid="account-new">
          新建账号
        </button>
      </div>
      <table className="table" data-testid="account-list">
        <thead>
          <tr>
            <th>账号</th>
            <th>姓名</th>
            <th>角色</th>
            <th>状态</th>
            <th>密码修改于</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(accounts ?? []).map((a) => (
            <tr key={a.id} data-testid="account-row">
              <td>{a.login}</td>
              <td>{a.displayName}</td>
              <td>{a.roles.map((r) => ROLE_NAMES[r]).join('、')}</td>
              <td>{a.disabled ? '已停用' : a.mustChangePassword ? '待修改密码' : '正常'}</td>
              <td>{a.passwordChangedAt.slice(0, 10)}</td>
              <td>
                <button type="button" className="link" onClick={() => (setFormError(null), setDraft({ id: a.id, login: a.login, displayName: a.displayName, roles: a.roles, disabled: a.disabled, password: '' }))}>
                  修改
                </button>{' '}
                <button type="button" className="link" onClick={() => (setFormError(null), setReset({ id: a.id, login: a.login, password: '' }))}>
                  重设密码
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Dialog
        open={!!draft}
        title={draft?.id === null ? '新建账号' : `修改账号“${draft?.login ?? ''}”`}
        onClose={() => setDraft(null)}
        testId="account-dialog"
        footer={
          <>
            <button type="button" className="btn" onClick={() => setDraft(null)}>取消</button>
            <button type="button" className="btn btn-primary" onClick={() => void save()} data-testid="account-save">保存</button>
          </>
        }
      >
        {draft ? (
          <div className="auth-form">
            {draft.id === null ? (
              <label className="auth-field">
                <span>账号名</span>
                <input className="input" value={draft.login} onChange={(e) => setDraft({ ...draft, login: e.target.value })} data-testid="account-login" />
              </label>
            ) : null}
            <label className="auth-field">
              <span>姓名</span>
              <input className="input" value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} data-testid="account-name" />
            </label>
            <div className="auth-field">
              <span>角色</span>
              <div style={{ display: 'flex', gap: 16 }}>
                {ROLE_LIST.map((r) => (
                  <label key={r} className="auth-check">
                    <input type="checkbox" checked={draft.roles.includes(r)} onChange={() => toggle(r)} data-testid={`account-role-${r}`} />
                    {ROLE_NAMES[r]}
                  </label>
                ))}
              </div>
            </div>
            {draft.id === null ? (
              <label className="auth-field">
                <span>初始密码（对方首次登录后可自行修改）</span>
                <input className="input" type="password" autoComplete="new-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} data-testid="account-password" />
              </label>
            ) : (
              <label className="auth-check">
                <input type="checkbox" checked={draft.disabled} onChange={(e) => setDraft({ ...draft, disabled: e.target.checked })} />
                停用此账号（不能再登录，记录保留）
              </label>
            )}
            {formError ? <div className="field-error" role="alert">{formError}</div> : null}
          </div>
        ) : null}
      </Dialog>
      <Dialog
        open={!!reset}
        title={`重设“${reset?.login ?? ''}”的密码`}
        onClose={() => setReset(null)}
        footer={
          <>
            <button type="button" className="btn" onClick={() => setReset(null)}>取消</button>
            <button type="button" className="btn btn-primary" onClick={() => void doReset()}>重设</button>
          </>
        }
      >
        {reset ? (
          <div className="auth-form">
            <label className="auth-field">
              <span>新密码（对方下次登录时须修改）</span>
              <input className="input" type="password" autoComplete="new-password" value={reset.password} onChange={(e) => setReset({ ...reset, password: e.target.value })} />
            </label>
            {formError ? <div className="field-error" role="alert">{formError}</div> : null}
          </div>
        ) : null}
      </Dialog>
    </Page>
  )
}
