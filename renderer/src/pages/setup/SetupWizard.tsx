/**
 * The first run: the county's name, where the data lives, [steps other capabilities add, such as
 * the first administrator account], then import a roster or try the demo. The demo is a separate
 * database (never the real one); choosing it marks the whole app 演示.
 */
import { useState } from 'react'
import { call } from '../../api'
import { errorText } from '../../components'
import { navigate } from '../../router'
import { EXTRA_SETUP_STEPS } from './extraSteps'
import { setWorkspace, switchDatabase, type WorkspaceStatus } from './workspace'
import './setup.css'

type StepId = 'county' | 'location' | 'start' | string

export function SetupWizard({ status, onDone }: { status: WorkspaceStatus; onDone(): void }) {
  const steps: { id: StepId; title: string }[] = [
    { id: 'county', title: '本单位' },
    { id: 'location', title: '数据存放位置' },
    ...EXTRA_SETUP_STEPS.map((s) => ({ id: s.id, title: s.title })),
    { id: 'start', title: '开始使用' },
  ]
  // A database that already exists (the browser host's --db, or a folder chosen before) has its
  // location settled: the wizard goes on from there.
  const [index, setIndex] = useState(0)
  const [county, setCounty] = useState(status.countyName ?? '')
  const [dataDir, setDataDir] = useState(status.dataDir)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [created, setCreated] = useState(false)
  const step = steps[index]?.id ?? 'start'
  const next = () => {
    setError(null)
    setIndex((i) => Math.min(i + 1, steps.length - 1))
  }

  const countyError = (v: string): string | null => {
    const t = v.trim()
    if (t.length < 2) return '请填写县（区）名称，如“清川县”'
    if (t.length > 30) return '县（区）名称不超过 30 个字'
    return null
  }

  const submitCounty = () => {
    const e = countyError(county)
    setError(e)
    if (!e) next()
  }

  const submitLocation = async () => {
    setBusy('正在建立数据库…')
    setError(null)
    try {
      const s = await call('workspace.setup', {
        countyName: county.trim(),
        dataDir: status.dataDirFixed ? null : dataDir.trim(),
      })
      setWorkspace({ ...s, stage: 'setup' })
      setCreated(true)
      next()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(null)
    }
  }

  const choose = async () => {
    try {
      const dir = await call('workspace.chooseFolder', undefined)
      if (dir) setDataDir(dir)
    } catch (e) {
      setError(errorText(e))
    }
  }

  const finish = async (then: 'import' | 'demo' | 'roster') => {
    setBusy(then === 'demo' ? '正在生成演示数据（约 2000 名虚构干部），请稍候…' : '正在完成设置…')
    setError(null)
    try {
      const s = await call('workspace.finish', undefined)
      if (then === 'demo') {
        await switchDatabase('demo')
        return
      }
      setWorkspace(s)
      navigate(then)
      onDone()
    } catch (e) {
      setError(errorText(e))
      setBusy(null)
    }
  }

  const extra = EXTRA_SETUP_STEPS.find((s) => s.id === step)

  return (
    <div className="setup" data-testid="setup-wizard">
      <div className="setup-card">
        <div className="setup-head">
          <div className="setup-emblem" aria-hidden="true">
            干
          </div>
          <div>
            <h1 className="setup-title">欢迎使用干部管理系统</h1>
            <div className="setup-sub">初次使用，请用一分钟完成以下设置</div>
          </div>
        </div>
        <ol className="setup-steps" aria-label="设置步骤">
          {steps.map((s, i) => (
            <li key={s.id} className={i === index ? 'current' : i < index ? 'done' : ''} aria-current={i === index ? 'step' : undefined}>
              <span className="setup-step-no">{i < index ? '✓' : i + 1}</span>
              {s.title}
            </li>
          ))}
        </ol>

        <div className="setup-body">
          {step === 'county' ? (
            <form
              onSubmit={(e) => {
                e.preventDefault()
                submitCounty()
              }}
            >
              <label className="setup-label" htmlFor="setup-county">
                县（区）名称
              </label>
              <input
                id="setup-county"
                data-testid="setup-county"
                className="input setup-input"
                maxLength={30}
                autoFocus
                placeholder="例如：清川县"
                value={county}
                onChange={(e) => {
                  setCounty(e.target.value)
                  if (error) setError(countyError(e.target.value))
                }}
              />
              <p className="setup-hint">
                用于导出的花名册、审批表等文件的标题，如“{county.trim() || '清川县'}干部花名册（截至
                {new Date().getFullYear()}年{new Date().getMonth() + 1}月）”。以后可在“系统设置”中修改。
              </p>
              <StepFooter error={error} next="下一步" />
            </form>
          ) : null}

          {step === 'location' ? (
            <form
              onSubmit={(e) => {
                e.preventDefault()
                void submitLocation()
              }}
            >
              <label className="setup-label" htmlFor="setup-datadir">
                数据存放位置
              </label>
              {status.dataDirFixed ? (
                <div className="setup-path mono selectable" data-testid="setup-datadir-fixed">
                  {status.realDbPath}
                </div>
              ) : (
                <div className="setup-path-row">
                  <input
                    id="setup-datadir"
                    data-testid="setup-datadir"
                    className="input setup-input mono"
                    value={dataDir}
                    onChange={(e) => setDataDir(e.target.value)}
                  />
                  {status.canChooseFolder ? (
                    <button type="button" className="btn" onClick={() => void choose()}>
                      选择文件夹…
                    </button>
                  ) : null}
                </div>
              )}
              <p className="setup-hint">
                {status.dataDirFixed
                  ? '数据文件已由启动参数指定。'
                  : '干部档案保存在这个文件夹的 cadres.db 中，每次启动自动备份到其中的 backups 文件夹。'}
                数据含身份证号、家庭成员等个人信息，只保存在本机，不会上传；请放在本机硬盘上，不要放在共享文件夹或移动硬盘中。
              </p>
              <StepFooter error={error} busy={busy} back={() => setIndex(0)} next="下一步" />
            </form>
          ) : null}

          {extra ? <extra.Component onNext={next} /> : null}

          {step === 'start' ? (
            <div>
              <div className="setup-label">开始使用</div>
              <p className="setup-hint">
                {created || status.realDbExists ? `数据库已建立：${status.dataDirFixed ? status.realDbPath : `${dataDir}`}。` : null}
                现在可以导入各单位报送的花名册，也可以先用演示数据熟悉系统。
              </p>
              <div className="setup-choices">
                <button
                  type="button"
                  className="setup-choice primary"
                  data-testid="setup-import"
                  disabled={!!busy}
                  onClick={() => void finish('import')}
                >
                  <span className="setup-choice-title">导入花名册</span>
                  <span className="setup-choice-text">选择 Excel 花名册（.xlsx / .xls），先预览、核对问题，再导入正式档案。</span>
                </button>
                <button
                  type="button"
                  className="setup-choice"
                  data-testid="setup-demo"
                  disabled={!!busy}
                  onClick={() => void finish('demo')}
                >
                  <span className="setup-choice-title">试用演示数据</span>
                  <span className="setup-choice-text">
                    打开单独的演示数据库（约 2000 名虚构干部），界面标有“演示”，不会混入正式档案；随时可在“系统设置”中返回正式数据。
                  </span>
                </button>
                <button
                  type="button"
                  className="setup-choice"
                  data-testid="setup-later"
                  disabled={!!busy}
                  onClick={() => void finish('roster')}
                >
                  <span className="setup-choice-title">以后再说</span>
                  <span className="setup-choice-text">直接进入系统，可逐个录入干部，或以后再导入。</span>
                </button>
              </div>
              <StepFooter error={error} busy={busy} />
            </div>
          ) : null}
        </div>
      </div>
    </div>
  )
}

/**
 * The foot of a step: what went wrong (in Chinese, said where), what is under way, and 上一步 /
 * 下一步 (a submit button of the step's form; it says what is being done while busy).
 */
function StepFooter({
  error,
  busy = null,
  back,
  next,
}: {
  error: string | null
  busy?: string | null
  back?(): void
  next?: string
}) {
  return (
    <>
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
      {next || back ? (
        <div className="setup-actions">
          {back ? (
            <button type="button" className="btn btn-large" disabled={!!busy} onClick={back}>
              上一步
            </button>
          ) : null}
          {next ? (
            <button type="submit" className="btn btn-primary btn-large" disabled={!!busy}>
              {busy ?? next}
            </button>
          ) : null}
        </div>
      ) : busy ? (
        <div className="setup-busy">{busy}</div>
      ) : null}
    </>
  )
}
