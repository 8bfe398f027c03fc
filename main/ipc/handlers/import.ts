/** Handlers of the roster import channels: one ImportService per app context. */
import type { ColumnMapping } from '../../roster-import/engine'
import { ImportService } from '../../roster-import/session'
import type { AppContext } from '../../services/context'
import type { Handlers } from '../registry'

type ImportHandlers = Pick<
  Handlers,
  'import.open' | 'import.preview' | 'import.run' | 'import.rejectedFile'
>

export function importHandlers(ctx: AppContext): ImportHandlers {
  const svc = new ImportService(ctx)
  return {
    'import.open': ({ fileName, data }) => svc.open(fileName, data),
    'import.preview': (a) => svc.preview({ ...a, mapping: a.mapping as ColumnMapping | undefined }),
    'import.run': (a) => svc.run({ ...a, mapping: a.mapping as ColumnMapping | undefined }),
    'import.rejectedFile': ({ importId }) => svc.rejectedFile(importId),
  }
}
