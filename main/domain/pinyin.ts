/** Pinyin keys of a name for the quick search: typing `zs` finds 张三, `zhangsan` too. */
import { createRequire } from 'node:module'
import type { pinyin as PinyinFn } from 'pinyin-pro'

let loaded: typeof PinyinFn | null = null

/**
 * pinyin-pro, loaded the first time a name is converted (~16 MB): only the write worker saves names;
 * the read and heavy workers, which import the services for their reads, never load it
 * (tests/db/worker-lazy.test.ts). A synchronous require, as these functions are synchronous.
 */
export function pinyinOf(): typeof PinyinFn {
  loaded ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: typeof PinyinFn }).pinyin
  return loaded
}

export function nameInitials(name: string): string {
  if (!name) return ''
  return pinyinOf()(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase()
}

export function namePinyin(name: string): string {
  if (!name) return ''
  return pinyinOf()(name, { toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase()
}
