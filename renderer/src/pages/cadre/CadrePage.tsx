/**
 * A cadre's page (route cadre/<id>, cadre/new): the fields of the 干部任免审批表 in the form's
 * order, 简历, 家庭成员, the tabs other capabilities add, and the person's 变更记录.
 * Checks run as the clerk types (the domain's own validators); the main process checks again on
 * save and its field messages are shown under the fields.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type { CadreFieldKey } from '../../../../main/domain/fields'
import { ApiError, call } from '../../api'
import { navigate } from '../../router'
import {
  EmptyState,
  Page,
  canLeave,
  confirmDialog,
  setLeaveGuard,
  dismissErrors,
  showError,
  showMessage,
} from '../../components'
import { LoadError, useUnits } from '../../kit'
import { useApiQuery } from '../../lib/query'
import { AuditList } from '../audit/AuditList'
import { BasicInfo } from './BasicInfo'
import { FamilyEditor } from './FamilyEditor'
import { PhotoBox } from './PhotoBox'
import { ResumeEditor } from './ResumeEditor'
import { StatusDialog, type Status } from './StatusDialog'
import { CADRE_ACTIONS, CADRE_TABS } from './tabs'
import {
  MONTH_KEYS,
  fillFromIdCard,
  formFromRecord,
  tidyMonth,
  toInput,
  validateForm,
  type Errors,
  type FormState,
} from './form'

export function CadrePage({ param }: { param: string }) {
  return <CadreEditor key={param} param={param} />
}

function tabOfError(key: string): string {
  if (key.startsWith('resume')) return 'resume'
  if (key.startsWith('family')) return 'family'
  return 'basic'
}

function CadreEditor({ param }: { param: string }) {
  const id = /^\d+$/.test(param) ? Number(param) : null
  const isNew = param === 'new'
  // The record and its photo come from the one data hook: refetched after a save anywhere (this
  // page, another window, an import), and the form follows them while nothing here is typed.
  const recordQ = useApiQuery('cadres.get', { id: id ?? 0 }, { enabled: id !== null })
  const record = recordQ.data ?? null
  const [form, setForm] = useState<FormState>(() => formFromRecord(null))
  const [baseline, setBaseline] = useState(() => JSON.stringify(formFromRecord(null)))
  const [touched, setTouched] = useState<Set<string>>(() => new Set())
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<Errors>({})
  const [tab, setTab] = useState('basic')
  const [saving, setSaving] = useState(false)
  const units = useUnits()
  const unitNames = useMemo(() => units.map((u) => u.name), [units])
  const [pendingPhoto, setPendingPhoto] = useState<Uint8Array<ArrayBuffer> | null>(null)
  const [statusOpen, setStatusOpen] = useState(false)
  const photoQ = useApiQuery('cadres.photo', { id: id ?? 0 }, { enabled: id !== null && !!record?.hasPhoto })
  const photoBytes = pendingPhoto ?? (record?.hasPhoto ? (photoQ.data ?? null) : null)
  const photoUrl = useObjectUrl(photoBytes)

  const dirtyRef = useRef(false)
  useEffect(() => {
    if (!recordQ.data) return
    if (dirtyRef.current) return
    const f = formFromRecord(recordQ.data)
    setForm(f)
    setBaseline(JSON.stringify(f))
  }, [recordQ.data])

  const localErrors = useMemo(() => validateForm(form, { touched, submitted }), [form, touched, submitted])
  const errors = useMemo(() => ({ ...serverErrors, ...localErrors }), [serverErrors, localErrors])
  const dirty = JSON.stringify(form) !== baseline || pendingPhoto !== null
  useEffect(() => {
    dirtyRef.current = dirty
  })
  // The error message of a refused save goes once every field it named is fixed.
  const openErrors = Object.keys(errors).length
  useEffect(() => {
    if (submitted && openErrors === 0) dismissErrors()
  }, [submitted, openErrors])

  const clearServer = (key: string) =>
    setServerErrors((prev) => {
      if (!(key in prev)) return prev
      const next = { ...prev }
      delete next[key]
      return next
    })

  const setField = (key: CadreFieldKey, value: string) => {
    clearServer(key)
    if (key === 'idCard' || key === 'gender' || key === 'birthDate') {
      clearServer('idCard')
      clearServer('gender')
      clearServer('birthDate')
    }
    setForm((f) => {
      let fields = { ...f.fields, [key]: value }
      if (key === 'idCard') fields = fillFromIdCard(fields)
      return { ...f, fields }
    })
  }
  const blurField = (key: CadreFieldKey) => {
    setTouched((t) => new Set(t).add(key))
    if (MONTH_KEYS.has(key))
      setForm((f) => ({ ...f, fields: { ...f.fields, [key]: tidyMonth(f.fields[key]) } }))
  }
  const touch = (key: string) => setTouched((t) => new Set(t).add(key))

  const save = async () => {
    setSubmitted(true)
    const errs = { ...validateForm(form, { touched, submitted: true }) }
    const keys = Object.keys(errs)
    if (keys.length) {
      setTab(tabOfError(keys[0] ?? ''))
      showMessage(`有 ${keys.length} 处需要修改：${Object.values(errs).slice(0, 2).join('；')}`, 'error')
      return
    }
    setSaving(true)
    try {
      const saved = await call('cadres.save', toInput(id, form))
      let final = saved
      if (pendingPhoto) {
        final = await call('cadres.setPhoto', { id: saved.id, data: pendingPhoto })
        setPendingPhoto(null)
      }
      setServerErrors({})
      setSubmitted(false)
      setTouched(new Set())
      showMessage(`已保存 ${final.name ?? ''} 的信息`, 'success')
      if (isNew) {
        navigate(`cadre/${final.id}`)
        return
      }
      const f = formFromRecord(final)
      dirtyRef.current = false
      setForm(f)
      setBaseline(JSON.stringify(f))
    } catch (e) {
      if (e instanceof ApiError && e.fields) {
        setServerErrors(e.fields)
        const first = Object.keys(e.fields)[0]
        if (first) setTab(tabOfError(first))
      }
      showError(e)
    } finally {
      setSaving(false)
    }
  }

  useEffect(() => {
    setLeaveGuard(
      dirty
        ? () =>
            confirmDialog({
              title: '有未保存的修改',
              message: '本页的修改尚未保存，离开后将丢失。确定离开？',
              okText: '放弃修改并离开',
              danger: true,
            })
        : null,
    )
    return () => setLeaveGuard(null)
  }, [dirty])

  const back = async () => {
    if (await canLeave()) navigate('roster')
  }

  // Ctrl+S saves, as in every office program.
  const saveRef = useRef<() => void>(() => {})
  useEffect(() => {
    saveRef.current = () => void save()
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault()
        saveRef.current()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const pickPhoto = async (file: File) => {
    if (!/^image\/(jpeg|png)$/.test(file.type)) {
      showMessage('照片只能是 JPEG 或 PNG 图片', 'error')
      return
    }
    const bytes = new Uint8Array(await file.arrayBuffer())
    if (id === null) {
      setPendingPhoto(bytes)
      return
    }
    try {
      await call('cadres.setPhoto', { id, data: bytes })
      showMessage('照片已更新', 'success')
    } catch (e) {
      showError(e)
    }
  }
  const removePhoto = async () => {
    if (id === null) {
      setPendingPhoto(null)
      return
    }
    if (
      !(await confirmDialog({
        title: '删除照片',
        message: '确定删除这张照片？',
        okText: '删除',
        danger: true,
      }))
    )
      return
    try {
      await call('cadres.setPhoto', { id, data: null })
      showMessage('照片已删除', 'success')
    } catch (e) {
      showError(e)
    }
  }

  const changeStatus = async (status: Status, note: string) => {
    if (id === null) return
    try {
      const r = await call('cadres.setStatus', { id, status, note: note || undefined })
      setForm((f) => ({ ...f, fields: { ...f.fields, status: r.status ?? status } }))
      setBaseline((b) => {
        const parsed = JSON.parse(b) as FormState
        parsed.fields.status = r.status ?? status
        return JSON.stringify(parsed)
      })
      setStatusOpen(false)
      showMessage(`${r.name ?? ''} 的状态已改为“${status}”`, 'success')
    } catch (e) {
      showError(e)
    }
  }

  if (!isNew && id === null) {
    return (
      <Page title="干部信息" testId="cadre-page">
        <EmptyState title="地址有误，找不到这名干部" />
      </Page>
    )
  }
  if (recordQ.isError && !record) {
    return (
      <Page
        title="干部信息"
        testId="cadre-page"
        actions={
          <button type="button" className="btn" onClick={() => navigate('roster')}>
            返回花名册
          </button>
        }
      >
        <LoadError
          error={recordQ.error}
          what="读取干部信息"
          retry={() => void recordQ.refetch()}
          busy={recordQ.isFetching}
        />
      </Page>
    )
  }
  if (id !== null && !record) {
    return (
      <Page title="干部信息" testId="cadre-page">
        <div className="muted">正在读取…</div>
      </Page>
    )
  }

  const tabs = [
    { id: 'basic', title: '基本信息' },
    { id: 'resume', title: '简历' },
    { id: 'family', title: '家庭成员' },
    ...(id !== null ? CADRE_TABS.map((t) => ({ id: `x-${t.id}`, title: t.title })) : []),
    ...(id !== null ? [{ id: 'audit', title: '变更记录' }] : []),
  ]
  const errorCount = (t: string) => Object.keys(errors).filter((k) => tabOfError(k) === t).length
  const status = record?.status ?? '在职'
  const title = isNew ? '新增干部' : (record?.name ?? '干部信息')
  const extTab = CADRE_TABS.find((t) => `x-${t.id}` === tab)

  return (
    <Page
      title={title}
      testId="cadre-page"
      subtitle={
        record ? (
          <>
            <span className={status === '在职' ? 'tag' : 'tag tag-red'} data-testid="cadre-status">
              {status}
            </span>{' '}
            {[record.unit, record.position].filter(Boolean).join(' · ')}
          </>
        ) : (
          '填写后点击“保存”'
        )
      }
      actions={
        <>
          {dirty ? <span className="unsaved">有未保存的修改</span> : null}
          {id !== null
            ? CADRE_ACTIONS.map((a) => (
                <button
                  key={a.id}
                  type="button"
                  className="btn"
                  data-testid={`cadre-action-${a.id}`}
                  onClick={() => {
                    Promise.resolve(a.run(id)).catch(showError)
                  }}
                >
                  {a.label}
                </button>
              ))
            : null}
          {id !== null ? (
            <button
              type="button"
              className="btn"
              data-testid="cadre-status-change"
              onClick={() => setStatusOpen(true)}
            >
              变更状态
            </button>
          ) : null}
          <button type="button" className="btn" onClick={() => void back()}>
            返回花名册
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="cadre-save"
            disabled={saving || (!dirty && !isNew)}
            onClick={() => void save()}
          >
            {saving ? '正在保存…' : '保存'}
          </button>
        </>
      }
      toolbar={
        <div className="tabs" role="tablist">
          {tabs.map((t) => {
            const n = errorCount(t.id)
            return (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className={tab === t.id ? 'tab active' : 'tab'}
                data-testid={`tab-${t.id}`}
                onClick={() => setTab(t.id)}
              >
                {t.title}
                {n ? <span className="tab-badge">{n}</span> : null}
              </button>
            )
          })}
        </div>
      }
    >
      <div className="cadre-body">
        {tab === 'basic' ? (
          <BasicInfo
            fields={form.fields}
            errors={errors}
            unitNames={unitNames}
            retireBaseAge={form.retireBaseAge ?? ''}
            onRetireBaseAge={(v) => setForm((f) => ({ ...f, retireBaseAge: v }))}
            onChange={setField}
            onBlur={blurField}
            photo={
              <PhotoBox
                url={photoUrl}
                onPick={(f) => void pickPhoto(f)}
                onRemove={() => void removePhoto()}
              />
            }
          />
        ) : null}
        {tab === 'resume' ? (
          <ResumeEditor
            rows={form.resume}
            errors={errors}
            onBlur={touch}
            onChange={(resume) => {
              setServerErrors((p) =>
                Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('resume'))),
              )
              setForm((f) => ({ ...f, resume }))
            }}
          />
        ) : null}
        {tab === 'family' ? (
          <FamilyEditor
            rows={form.family}
            errors={errors}
            onBlur={touch}
            onChange={(family) => {
              setServerErrors((p) =>
                Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('family'))),
              )
              setForm((f) => ({ ...f, family }))
            }}
          />
        ) : null}
        {extTab && id !== null ? <div className="ext-tab">{extTab.render(id)}</div> : null}
        {tab === 'audit' && id !== null ? <AuditList cadreId={id} /> : null}
      </div>
      {record ? (
        <StatusDialog
          open={statusOpen}
          name={record.name ?? ''}
          current={status}
          onClose={() => setStatusOpen(false)}
          onConfirm={changeStatus}
        />
      ) : null}
    </Page>
  )
}

/** An object URL for image bytes (JPEG or PNG by their magic), revoked when they change. */
function useObjectUrl(bytes: Uint8Array | null): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!bytes) {
      setUrl(null)
      return
    }
    const png = bytes[0] === 0x89 && bytes[1] === 0x50
    const u = URL.createObjectURL(new Blob([bytes as BlobPart], { type: png ? 'image/png' : 'image/jpeg' }))
    setUrl(u)
    return () => URL.revokeObjectURL(u)
  }, [bytes])
  return url
}
