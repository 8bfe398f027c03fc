import { PAGES } from './pages/registry'
import { navigate, useRoute } from './router'
import { ConfirmHost, MessageArea, canLeave } from './components'

export function App() {
  const route = useRoute()
  const page = PAGES.find((p) => p.id === route.page) ?? PAGES[0]
  // A page reached by route only (a cadre's detail) highlights the nav entry it belongs to.
  const navId = page?.nav ? page.id : (page?.navParent ?? 'roster')
  return (
    <div className="app" data-testid="app-ready">
      <nav className="app-nav" aria-label="主导航">
        <div className="app-title">
          <div className="app-emblem" aria-hidden="true">
            干
          </div>
          <div>
            <div className="app-name">干部管理系统</div>
            <div className="app-org">县委组织部</div>
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
      <main className="app-main">{page?.render(route)}</main>
      <MessageArea />
      <ConfirmHost />
    </div>
  )
}
