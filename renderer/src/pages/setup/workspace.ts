/**
 * The workspace as the renderer sees it: which database is open (real or demo), whether the first
 * run must happen. `useWorkspace()` in components; `switchDatabase()` re-opens the app over the
 * other database (main re-boots the services) and reloads the page so nothing of the other
 * database stays on screen.
 */
import { useSyncExternalStore } from 'react'
import type { WorkspaceStatus } from '../../../../main/ipc/contract/workspace'
import { call } from '../../api'

export type { WorkspaceStatus }

let status: WorkspaceStatus | null = null
let failure: string | null = null
const listeners = new Set<() => void>()

function emit(): void {
  listeners.forEach((l) => l())
}

export const DEMO_TITLE = '干部管理系统【演示数据】'
export const REAL_TITLE = '干部管理系统'

function apply(s: WorkspaceStatus): void {
  status = s
  failure = null
  // The window's title bar (Electron follows the page title) says 演示 too.
  document.title = s.mode === 'demo' ? DEMO_TITLE : REAL_TITLE
  emit()
}

export async function refreshWorkspace(): Promise<WorkspaceStatus | null> {
  try {
    apply(await call('workspace.status', undefined))
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e)
    emit()
  }
  return status
}

export function setWorkspace(s: WorkspaceStatus): void {
  apply(s)
}

export function useWorkspace(): { status: WorkspaceStatus | null; failure: string | null } {
  const s = useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => status,
  )
  const f = useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => failure,
  )
  return { status: s, failure: f }
}

/** Opens the real or the demo database, then reloads the app over it (at the roster, or `route`). */
export async function switchDatabase(mode: 'real' | 'demo', route = 'roster'): Promise<void> {
  await call('workspace.switch', { mode })
  window.location.hash = `#/${route}`
  window.location.reload()
}
