/**
 * zod's own messages in Chinese. A schema's custom message wins; where a schema gives none (a
 * string too long, a number below its minimum) zod's default text reaches the user through the
 * dispatcher's "参数无效（字段）：…", and that text must be Chinese too (it read "Too big: expected
 * string to have <=50 characters"). zod keeps one global configuration; importing this module sets it.
 */
import { config, locales } from 'zod'

config(locales.zhCN())
