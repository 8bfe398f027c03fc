import { PAGES } from './pages/registry'
import { navigate, useRoute } from './router'

export function App() {
  const route = useRoute()
  const page = PAGES.find((p) => p.id === route.page) ?? PAGES[0]
  return (
    <div className="app" data-testid="app-ready">
      <nav className="app-nav" aria-label="主导航">
        <div className="app-title">干部管理系统</div>
        {PAGES.filter((p) => p.nav).map((p) => (
          <button
            key={p.id}
            type="button"
            className={p.id === page?.id ? 'nav-item active' : 'nav-item'}
            onClick={() => navigate(p.id)}
          >
            {p.title}
          </button>
        ))}
      </nav>
      <main className="app-main">{page?.render(route)}</main>
    </div>
  )
}
