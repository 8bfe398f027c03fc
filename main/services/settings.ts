/** Settings: JSON values by key (the grid's column layout, thresholds, ...). */
import type { AppContext } from './context'

/** The stored value, or null when the key was never set. */
export function getSetting(ctx: AppContext, key: string): unknown {
  const row = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined
  if (!row) return null
  try {
    return JSON.parse(row.value) as unknown
  } catch {
    return null
  }
}

/** Stores a JSON value; null or undefined removes the key. */
export function setSetting(ctx: AppContext, key: string, value: unknown): void {
  if (value === null || value === undefined) {
    ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(key)
    return
  }
  ctx.db
    .prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(key, JSON.stringify(value))
}
