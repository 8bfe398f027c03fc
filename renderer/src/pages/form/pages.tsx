/** The 干部任免审批表 preview page, the LRMX import page, and the buttons they bring to a cadre's
 *  page (打印任免审批表, 导出LRMX) and to the roster (打印任免审批表 for the ticked cadres). */
import type { PageDef } from '../registry'
import { call, downloadBytes } from '../../api'
import { navigate } from '../../router'
import { showMessage } from '../../components'
import { CADRE_ACTIONS } from '../cadre/tabs'
import { ROSTER_ACTIONS } from '../roster/actions'
import { FormPreviewPage } from './FormPreviewPage'
import { FormSetPage } from './FormSetPage'
import { LrmxImportPage } from './LrmxImportPage'
import { ComparePage } from '../compare/ComparePage'

let registered = false
function registerFormActions(): void {
  if (registered) return
  registered = true
  CADRE_ACTIONS.push(
    { id: 'print-form', label: '打印任免审批表', run: (id) => navigate(`form/${id}`) },
    {
      id: 'export-lrmx',
      label: '导出LRMX',
      run: async (id) => {
        const r = await call('lrmx.export', { id })
        downloadBytes(r.bytes, r.fileName, 'application/xml')
        showMessage(`已导出 ${r.fileName}`, 'success')
      },
    },
  )
  ROSTER_ACTIONS.push({
    id: 'print-form',
    label: '打印任免审批表',
    needsSelection: true,
    run: (ctx) => {
      if (ctx.selectedIds.length > 500) {
        showMessage(
          `一次最多打印 500 人的任免审批表，当前勾选了 ${ctx.selectedIds.length} 人，请分批打印`,
          'warning',
        )
        return
      }
      navigate(`form/${ctx.selectedIds.join(',')}`)
    },
  })
  ROSTER_ACTIONS.push({
    id: 'form-set',
    label: '成套打印',
    run: (ctx) => {
      if (ctx.selectedIds.length > 500) {
        showMessage(`一套最多 500 人，当前勾选了 ${ctx.selectedIds.length} 人，请分批生成`, 'warning')
        return
      }
      navigate(`form-set/${ctx.selectedIds.join(',')}`)
    },
  })
}
registerFormActions()

export const FORM_PAGES: PageDef[] = [
  {
    id: 'form',
    title: '干部任免审批表',
    nav: false,
    navParent: 'roster',
    render: (r) => <FormPreviewPage param={r.params[0] ?? ''} />,
  },
  {
    id: 'form-set',
    title: '成套打印任免审批表',
    nav: false,
    navParent: 'roster',
    render: (r) => <FormSetPage param={r.params[0] ?? ''} />,
  },
  { id: 'lrmx-import', title: '导入任免表(LRMX)', nav: true, order: 30, render: () => <LrmxImportPage /> },
  { id: 'compare', title: '比对回写', nav: true, order: 31, render: () => <ComparePage /> },
]
