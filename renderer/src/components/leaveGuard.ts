/**
 * A page with unsaved edits registers a guard; the left navigation asks it before leaving.
 * `setLeaveGuard(() => confirmDialog(...))` while dirty, `setLeaveGuard(null)` when clean or unmounted.
 */
type Guard = () => Promise<boolean>

let guard: Guard | null = null

export function setLeaveGuard(g: Guard | null): void {
  guard = g
}

/** True when there is nothing unsaved or the clerk agreed to drop it. */
export async function canLeave(): Promise<boolean> {
  if (!guard) return true
  const ok = await guard()
  if (ok) guard = null
  return ok
}
