import { IMPORT_TARGETS, type ImportKey } from './headers'

const LABELS = new Map<string, string>(IMPORT_TARGETS.map((t) => [t.key, t.label]))

/** Chinese label of an import key (照片 for photos, 未对应 for none). */
export function fieldLabelOf(key: ImportKey | 'photo' | null): string {
  if (key === null) return '—'
  if (key === 'photo') return '照片'
  return LABELS.get(key) ?? key
}
