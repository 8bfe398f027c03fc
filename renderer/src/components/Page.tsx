/** Page frame: a header with the title and buttons, an optional toolbar row, then the content. */
import type { ReactNode } from 'react'

export interface PageProps {
  title: ReactNode
  /** Small text after the title (a count, a unit name). */
  subtitle?: ReactNode
  /** Buttons at the right of the header. */
  actions?: ReactNode
  /** A row under the header: search boxes, filters, toolbar buttons. */
  toolbar?: ReactNode
  children: ReactNode
  testId?: string
  /** Content scrolls inside the page (default) or fills it (grids). */
  fill?: boolean
}

export function Page({ title, subtitle, actions, toolbar, children, testId, fill }: PageProps) {
  return (
    <div className="page" data-testid={testId}>
      <header className="page-header">
        <h1 className="page-title">{title}</h1>
        {subtitle ? <span className="page-subtitle">{subtitle}</span> : null}
        <div className="page-actions">{actions}</div>
      </header>
      {toolbar ? <div className="page-toolbar">{toolbar}</div> : null}
      <div className={fill ? 'page-body page-body-fill' : 'page-body'}>{children}</div>
    </div>
  )
}

/** A horizontal row of controls; `<Spacer />` pushes what follows to the right. */
export function Toolbar({ children }: { children: ReactNode }) {
  return <div className="toolbar">{children}</div>
}

export function Spacer() {
  return <span className="spacer" />
}

/** A centred message for an empty list or a first start. */
export function EmptyState({
  title,
  children,
  testId,
}: {
  title: string
  children?: ReactNode
  testId?: string
}) {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-state-title">{title}</div>
      {children}
    </div>
  )
}
