/**
 * The workspace channels where no workspace stands in front of the services (the e2e harness
 * over one file, tests): the status says "this one database, as it is"; switching is refused.
 * The desktop app and the browser host answer them in main/workspace/ instead.
 */
import { dirname, join } from 'node:path'
import { AppError } from '../../domain/errors'
import type { AppContext } from '../../services/context'
import { getSetting } from '../../services/settings'
import type { Handlers } from '../registry'

type WorkspaceChannel =
  | 'workspace.status'
  | 'workspace.setup'
  | 'workspace.finish'
  | 'workspace.switch'
  | 'workspace.resetDemo'
  | 'workspace.chooseFolder'
  | 'workspace.encrypt'

export function createWorkspaceHandlers(ctx: AppContext): Pick<Handlers, WorkspaceChannel> {
  const refuse = (): never => {
    throw new AppError(
      'workspace-unmanaged',
      '当前运行方式只打开一个数据文件，不能切换数据库或重新设置',
      'this door serves one database file; no switching',
    )
  }
  return {
    'workspace.status': () => {
      const county = getSetting(ctx, 'org.countyName')
      return {
        stage: 'ready',
        mode: 'real',
        managed: false,
        dataDir: ctx.dataDir,
        dataDirFixed: true,
        realDbPath: ctx.dbPath,
        demoDbPath: join(dirname(ctx.dbPath), 'demo', 'demo.db'),
        realDbExists: true,
        countyName: typeof county === 'string' ? county : null,
        canChooseFolder: false,
      }
    },
    'workspace.setup': refuse,
    'workspace.finish': refuse,
    'workspace.switch': refuse,
    'workspace.resetDemo': refuse,
    'workspace.chooseFolder': () => null,
    'workspace.encrypt': () => {
      throw new AppError(
        'workspace-unmanaged',
        '当前运行方式不能在界面中加密数据库，请用命令行 encrypt（见 README）',
        'encrypt with the command line here',
      )
    },
  }
}
