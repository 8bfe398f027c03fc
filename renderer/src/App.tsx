import { useEffect } from 'react'
import { PAGES } from './pages/registry'
import { navigate, useRoute } from './router'
import { ConfirmHost, MessageArea, canLeave, showError } from './components'
import { SetupWizard } from './pages/setup/SetupWizard'
import { refreshWorkspace, switchDatabase, useWorkspace } from './pages/setup/workspace'
import './pages/setup/setup.css'

export function App() {
  const route = useRoute()
  const { status, failure } = useWorkspace()
  useEffect(() => {
    void refreshWorkspace()
  }, [])
  if (!status) {
    return (
      <div className="app-starting" data-testid="app-starting">
        {failure ? <div className="field-error">无法读取数据库状态：{failure}</div> : '正在打开数据库…'}
        <MessageArea />
      </div>
    )
  }
  if (status.stage === 'setup') {
    return (
      <>
        <SetupWizard status={status} onDone={() => void refreshWorkspace()} />
        <MessageArea />
      </>
    )
  }
  const demo = status.mode === 'demo'
  const page = PAGES.find((p) => p.id === route.page) ?? PAGES[0]
  // A page reached by route only (a cadre's detail) highlights the nav entry it belongs to.
  const navId = page?.nav ? page.id : (page?.navParent ?? 'roster')
  return (
    <div className="app" data-testid="app-ready" data-mode={status.mode}>
      <nav className="app-nav" aria-label="主导航">
        <div className="app-title">
          <div className="app-emblem" aria-hidden="true">
            干
          </div>
          <div>
            <div className="app-name">干部管理系统</div>
            {demo ? (
              <div className="demo-badge" data-testid="demo-badge">
                演示
              </div>
            ) : (
              <div className="app-org">县委组织部</div>
            )}
          </div>
        </div>
        {PAGES.filter((p) => p.nav)
          .sort((a, b) => (a.order ?? 50) - (b.order ?? 50))
          .map((p) => (
            <button
              key={p.id}
              type="button"
              className={p.id === navId ? 'nav-item active' : 'nav-item'}
              data-testid={`nav-${p.id}`}
              onClick={() => {
                void canLeave().then((ok) => ok && navigate(p.id))
              }}
            >
              {p.title}
            </button>
          ))}
      </nav>
      <main className="app-main">
        {demo ? (
          <div className="demo-banner" data-testid="demo-banner" role="note">
            <strong>演示数据</strong>
            <span>这里的干部均为虚构，与正式档案分开存放，在此所做的修改不影响正式数据。</span>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                void canLeave().then((ok) => {
                  if (ok) switchDatabase('real').catch(showError)
                })
              }}
            >
              返回正式数据
            </button>
          </div>
        ) : null}
        {page?.render(route)}
      </main>
      <MessageArea />
      <ConfirmHost />
    </div>
  )
}
