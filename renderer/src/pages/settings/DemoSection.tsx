/**
 * 演示数据 in 系统设置: the demo is a separate database beside the real one. Open it, return to the
 * real data, or make the demo afresh; the real database is never written by any of these.
 */
import { useState } from 'react'
import { call } from '../../api'
import { FormSection, confirmDialog, showError, showMessage } from '../../components'
import { switchDatabase, useWorkspace } from '../setup/workspace'

export function DemoSection() {
  const { status } = useWorkspace()
  const [busy, setBusy] = useState<string | null>(null)
  if (!status?.managed) return null
  const demo = status.mode === 'demo'

  const open = async (mode: 'real' | 'demo') => {
    setBusy(mode === 'demo' ? '正在打开演示数据…' : '正在返回正式数据…')
    try {
      await switchDatabase(mode, 'settings')
    } catch (e) {
      showError(e)
      setBusy(null)
    }
  }

  const reset = async () => {
    const ok = await confirmDialog({
      title: '重新生成演示数据',
      message: '将清空演示数据库中的全部内容（包括在演示中所做的修改），再生成一份新的演示数据。正式档案不受影响。确定？',
      okText: '重新生成',
      danger: true,
    })
    if (!ok) return
    setBusy('正在重新生成演示数据…')
    try {
      await call('workspace.resetDemo', undefined)
      showMessage('演示数据已重新生成', 'success')
      await switchDatabase('demo', 'settings')
    } catch (e) {
      showError(e)
      setBusy(null)
    }
  }

  return (
    <FormSection
      title="演示数据"
      actions={
        demo ? (
          <>
            <button type="button" className="btn btn-small" disabled={!!busy} onClick={() => void reset()}>
              重新生成演示数据
            </button>
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid="settings-demo-leave"
              disabled={!!busy}
              onClick={() => void open('real')}
            >
              返回正式数据
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn btn-small"
            data-testid="settings-demo-open"
            disabled={!!busy}
            onClick={() => void open('demo')}
          >
            打开演示数据
          </button>
        )
      }
    >
      <div className="field-hint settings-note" data-testid="settings-demo-state">
        {busy ??
          (demo
            ? '现在打开的是演示数据：其中的干部均为虚构，界面标有“演示”。返回正式数据后，演示中的修改不会带入正式档案。'
            : '演示数据是一份单独的数据库（约 2000 名虚构干部），用于熟悉和培训，不会混入正式档案。')}
      </div>
      <div className="settings-demo-path field-hint">
        演示数据库：<span className="mono selectable">{status.demoDbPath}</span>
      </div>
    </FormSection>
  )
}
