/** Pinyin keys of a name for the quick search: typing `zs` finds 张三, `zhangsan` too. */
import { pinyin } from 'pinyin-pro'

export function nameInitials(name: string): string {
  if (!name) return ''
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase()
}

export function namePinyin(name: string): string {
  if (!name) return ''
  return pinyin(name, { toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase()
}
