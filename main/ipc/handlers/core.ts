/**
 * Handlers of the foundation channels (contract/core.ts): app info, cadres, units, audit log,
 * settings. Backups and demo data are in data.ts. Arguments arrive validated by the dispatcher.
 */
import pkg from '../../../package.json'
import { listAudit, setSettingAudited } from '../../services/audit'
import {
  getCadre,
  getCadrePhoto,
  queryCadres,
  saveCadre,
  setCadrePhoto,
  setCadreStatus,
} from '../../services/cadres'
import type { AppContext } from '../../services/context'
import { getSetting } from '../../services/settings'
import { listUnits, requireUnitName, saveUnit } from '../../services/units'
import type { Handlers } from '../registry'

export type CoreChannel =
  | 'app.info'
  | 'cadres.query'
  | 'cadres.get'
  | 'cadres.save'
  | 'cadres.setStatus'
  | 'cadres.photo'
  | 'cadres.setPhoto'
  | 'units.list'
  | 'units.save'
  | 'audit.list'
  | 'settings.get'
  | 'settings.set'

export const APP_VERSION: string = (pkg as { version: string }).version

export function createCoreHandlers(ctx: AppContext, extra: { host: string }): Pick<Handlers, CoreChannel> {
  return {
    'app.info': () => ({
      version: APP_VERSION,
      dbPath: ctx.dbPath,
      dataDir: ctx.dataDir,
      cadreCount: (ctx.db.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n,
      schemaVersion: ctx.db.pragma('user_version', { simple: true }) as number,
      host: extra.host,
    }),
    'cadres.query': (q) => queryCadres(ctx, q),
    'cadres.get': ({ id }) => getCadre(ctx, id),
    'cadres.save': (input) => {
      // The editor picks the unit from the tree: an unknown name is refused, never created silently.
      if (input.unit?.trim()) requireUnitName(ctx, input.unit)
      return saveCadre(ctx, input)
    },
    'cadres.setStatus': ({ id, status, note }) => setCadreStatus(ctx, id, status, note),
    'cadres.photo': ({ id }) => getCadrePhoto(ctx, id),
    'cadres.setPhoto': ({ id, data }) => setCadrePhoto(ctx, id, data),
    'units.list': (arg) => listUnits(ctx, { status: arg?.status }),
    'units.save': (u) => saveUnit(ctx, { id: u.id, name: u.name, parentId: u.parentId, kind: u.kind }),
    'audit.list': (q) => listAudit(ctx, q),
    'settings.get': ({ key }) => getSetting(ctx, key),
    'settings.set': ({ key, value }) => {
      setSettingAudited(ctx, key, value)
      return null
    },
  }
}
