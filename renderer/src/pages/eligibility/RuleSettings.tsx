/**
 * 资格审查规则设置: the rule set of each target with its parameters, editable; saving makes a new
 * version (the old ones stay, with who changed what and why). The main process validates every
 * parameter and answers in Chinese.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  describeRule,
  type RuleDef,
  type RuleId,
  type RuleSet,
  type Target,
} from '../../../../main/eligibility/rules'
import type { RuleSetsInfo } from '../../../../main/eligibility/types'
import { call } from '../../api'
import { Page, Spacer, Toolbar, confirmDialog, showError, showMessage } from '../../components'
import { ImpactSettings } from './ImpactSettings'
import { TARGET_OPTIONS } from './shared'
import './eligibility.css'

const ALL_RULES: { id: RuleId; label: string }[] = [
  { id: 'reserve', label: '后备干部' },
  { id: 'frontline', label: '一线经历' },
  { id: 'tenure', label: '任职年限' },
  { id: 'work-years', label: '工作年限' },
  { id: 'education', label: '学历' },
  { id: 'age', label: '年龄' },
  { id: 'party-age', label: '党龄' },
  { id: 'assessment', label: '年度考核' },
  { id: 'discipline', label: '处分影响期' },
  { id: 'admonishment', label: '诫勉影响期' },
  { id: 'investigation', label: '立案审查调查' },
  { id: 'family-abroad', label: '配偶子女移居国（境）外' },
  { id: 'rank-tenure', label: '职级任职年限' },
]

/** Default parameters of a rule added in the editor (the server validates them). */
const NEW_PARAMS: Record<RuleId, unknown> = {
  reserve: { levels: ['正科级后备'], statuses: ['在库'] },
  frontline: { kinds: ['第一书记', '驻村工作队员'], minMonths: 12 },
  tenure: { basis: 'position', levels: ['副科'], minYears: 2 },
  'work-years': { minYears: 5 },
  education: { minLevel: '大专' },
  age: { maxAge: 45 },
  'party-age': { minYears: 3 },
  assessment: { kind: '年度考核', failGrades: ['基本称职', '不称职'] },
  discipline: {},
  admonishment: {},
  investigation: {},
  'family-abroad': {},
  'rank-tenure': { fromRank: '一级科员', minYears: 2, orLevel: null },
}

const PARAM_LABELS: Record<string, string> = {
  levels: '层次/级别',
  statuses: '状态',
  kinds: '类别',
  minMonths: '至少（月）',
  basis: '依据',
  minYears: '至少（年）',
  minLevel: '最低学历',
  maxAge: '年龄上限（周岁以下，含）',
  fromRank: '原职级',
  orLevel: '或领导职务层次',
  kind: '考核类别',
  failGrades: '不符合的等次',
  periods: '影响期（月，留空为长期）',
  talks: '谈话影响期（月）',
  orgHandling: '组织处理影响期（月）',
}

const ENUMS: Record<string, { value: string; label: string }[]> = {
  basis: [
    { value: 'position', label: '职务层次（任现职务时间）' },
    { value: 'rank', label: '职级（任现职级时间）' },
  ],
  minLevel: ['研究生', '大学', '大专', '中专', '高中'].map((x) => ({ value: x, label: x })),
}

/** The sentence of a rule being edited (its parameters may be half-typed). */
function safeDescribe(r: RuleDef): string {
  try {
    return describeRule(r)
  } catch {
    return ''
  }
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json }

function isRecord(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A table of measure → months (null = 长期), editable row by row. */
function PeriodTable({
  value,
  onChange,
  testId,
}: {
  value: Record<string, Json>
  onChange(v: Record<string, Json>): void
  testId: string
}) {
  const [newKey, setNewKey] = useState('')
  return (
    <div className="elig-periods" data-testid={testId}>
      {Object.entries(value).map(([k, m]) => (
        <label key={k} className="elig-period">
          <span>{k}</span>
          <input
            className="input"
            inputMode="numeric"
            value={m === null ? '' : String(m)}
            placeholder="长期"
            onChange={(e) => {
              const t = e.target.value.trim()
              onChange({ ...value, [k]: t === '' ? null : Number.isFinite(Number(t)) ? Number(t) : t })
            }}
          />
          <button
            type="button"
            className="btn-link"
            aria-label={`删除${k}`}
            onClick={() => {
              const next = { ...value }
              delete next[k]
              onChange(next)
            }}
          >
            删除
          </button>
        </label>
      ))}
      <span className="elig-period-add">
        <input
          className="input"
          placeholder="新增处理方式"
          value={newKey}
          onChange={(e) => setNewKey(e.target.value)}
        />
        <button
          type="button"
          className="btn btn-small"
          disabled={!newKey.trim() || newKey.trim() in value}
          onClick={() => {
            onChange({ ...value, [newKey.trim()]: 12 })
            setNewKey('')
          }}
        >
          添加
        </button>
      </span>
    </div>
  )
}

function ParamEditor({
  name,
  value,
  onChange,
  testId,
}: {
  name: string
  value: Json
  onChange(v: Json): void
  testId: string
}) {
  const label = PARAM_LABELS[name] ?? name
  const options = ENUMS[name]
  let control
  if (options) {
    control = (
      <select
        className="input"
        value={String(value)}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    )
  } else if (Array.isArray(value)) {
    control = (
      <input
        className="input"
        value={value.join('、')}
        onChange={(e) =>
          onChange(
            e.target.value
              .split(/[、,，;；]/)
              .map((s) => s.trim())
              .filter((s, i, a) => s !== '' || i === a.length - 1),
          )
        }
        onBlur={() => onChange(value.filter((s) => String(s).trim() !== ''))}
        title="多项用顿号“、”分隔"
        data-testid={testId}
      />
    )
  } else if (typeof value === 'number') {
    control = (
      <input
        className="input elig-num"
        inputMode="decimal"
        value={String(value)}
        onChange={(e) => {
          const n = Number(e.target.value)
          onChange(e.target.value.trim() !== '' && Number.isFinite(n) ? n : (e.target.value as Json))
        }}
        data-testid={testId}
      />
    )
  } else if (typeof value === 'string') {
    control = (
      <input
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    )
  } else if (isRecord(value)) {
    const nested = Object.values(value).every((x) => isRecord(x))
    control = nested ? (
      <div className="elig-period-groups">
        {Object.entries(value).map(([k, t]) => (
          <div key={k} className="elig-period-group">
            <div className="elig-period-group-title">{k}</div>
            <PeriodTable
              value={t as Record<string, Json>}
              onChange={(v) => onChange({ ...value, [k]: v })}
              testId={`${testId}-${k}`}
            />
          </div>
        ))}
      </div>
    ) : (
      <PeriodTable value={value} onChange={onChange} testId={testId} />
    )
  } else control = <span className="muted">—</span>
  return (
    <div className="elig-param">
      <span className="elig-param-label">{label}</span>
      <div className="elig-param-control">{control}</div>
    </div>
  )
}

function RuleSetEditor({ set, history, onSaved }: { set: RuleSet; history: RuleSet[]; onSaved(): void }) {
  const [rules, setRules] = useState<RuleDef[]>(set.rules)
  const [note, setNote] = useState('')
  const [saving, setSaving] = useState(false)
  const [showHistory, setShowHistory] = useState(false)
  useEffect(() => setRules(set.rules), [set])
  const dirty = useMemo(() => JSON.stringify(rules) !== JSON.stringify(set.rules), [rules, set.rules])
  const missing = ALL_RULES.filter((r) => !rules.some((x) => x.id === r.id))

  const update = (i: number, r: RuleDef) => setRules(rules.map((x, j) => (j === i ? r : x)))

  const save = async () => {
    if (!note.trim()) {
      showMessage('请填写修改说明（如依据的文件或会议）', 'warning')
      return
    }
    setSaving(true)
    try {
      const saved = await call('eligibility.saveRuleSet', { target: set.target, rules, note: note.trim() })
      showMessage(`已保存为第 ${saved.version} 版`, 'success')
      setNote('')
      onSaved()
    } catch (e) {
      showError(e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <div className="elig-rules-editor" data-testid={`ruleset-${set.target}`}>
      <div className="elig-rules-meta muted">
        当前为{set.version === 0 ? '默认规则（系统内置）' : `第 ${set.version} 版`}
        {set.version === 0
          ? ''
          : ` · ${set.actor ?? ''} 于 ${set.createdAt?.slice(0, 16).replace('T', ' ') ?? ''} 修改${set.note ? `：${set.note}` : ''}`}
      </div>
      <table className="table elig-rules-table">
        <thead>
          <tr>
            <th style={{ width: 40 }}>序号</th>
            <th style={{ width: 150 }}>审查项目</th>
            <th>参数</th>
            <th style={{ width: 60 }}>操作</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={r.id}>
              <td>{i + 1}</td>
              <td>
                <input
                  className="input"
                  value={r.label}
                  onChange={(e) => update(i, { ...r, label: e.target.value } as RuleDef)}
                  aria-label="审查项目名称"
                />
                <div className="muted elig-rule-id">{r.id}</div>
                <div className="elig-rule-desc">{safeDescribe(r)}</div>
              </td>
              <td>
                {Object.keys(r.params).length === 0 ? (
                  <span className="muted">在本模块登记的“正在接受立案审查调查”为不符合，无登记为符合</span>
                ) : (
                  Object.entries(r.params as Record<string, Json>).map(([k, v]) => (
                    <ParamEditor
                      key={k}
                      name={k}
                      value={v}
                      testId={`param-${r.id}-${k}`}
                      onChange={(nv) =>
                        update(i, {
                          ...r,
                          params: { ...(r.params as Record<string, Json>), [k]: nv },
                        } as RuleDef)
                      }
                    />
                  ))
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="btn-link"
                  onClick={() => setRules(rules.filter((_, j) => j !== i))}
                >
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Toolbar>
        {missing.length > 0 ? (
          <select
            className="input"
            value=""
            aria-label="添加审查项目"
            onChange={(e) => {
              const id = e.target.value as RuleId
              const label = ALL_RULES.find((x) => x.id === id)?.label ?? id
              setRules([...rules, { id, label, params: NEW_PARAMS[id] } as RuleDef])
            }}
          >
            <option value="">＋ 添加审查项目…</option>
            {missing.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        ) : null}
        <Spacer />
        <input
          className="input elig-note"
          placeholder="修改说明（必填，如依据的文件、会议）"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="ruleset-note"
        />
        <button type="button" className="btn" disabled={!dirty} onClick={() => setRules(set.rules)}>
          放弃修改
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!dirty || saving}
          onClick={() => void save()}
          data-testid="ruleset-save"
        >
          保存为新版本
        </button>
      </Toolbar>
      <div className="elig-history-block">
        <button type="button" className="btn-link" onClick={() => setShowHistory(!showHistory)}>
          {showHistory ? '收起' : '查看'}修改历史（{history.length} 个版本）
        </button>
        {showHistory ? (
          <table className="table">
            <thead>
              <tr>
                <th>版本</th>
                <th>修改人</th>
                <th>时间</th>
                <th>说明</th>
                <th>审查项目</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.version}>
                  <td>第 {h.version} 版</td>
                  <td>{h.actor ?? '—'}</td>
                  <td>{h.createdAt ? h.createdAt.slice(0, 16).replace('T', ' ') : '—'}</td>
                  <td>{h.note ?? ''}</td>
                  <td>{h.rules.map((r) => r.label).join('、')}</td>
                  <td>
                    {h.version !== set.version ? (
                      <button
                        type="button"
                        className="btn-link"
                        onClick={() =>
                          void confirmDialog({
                            title: '载入历史版本',
                            message: `把第 ${h.version} 版的规则载入编辑区？保存后成为新版本。`,
                          }).then((ok) => ok && setRules(h.rules))
                        }
                      >
                        载入
                      </button>
                    ) : (
                      <span className="muted">当前</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </div>
  )
}

export function RuleSettings({ onBack }: { onBack(): void }) {
  const [info, setInfo] = useState<RuleSetsInfo | null>(null)
  const [target, setTarget] = useState<Target>('section-chief')
  // The impact periods every rule set shares (one setting, main/records/impact-settings.ts).
  const [impact, setImpact] = useState(false)
  const load = useCallback(async () => {
    try {
      setInfo(await call('eligibility.ruleSets', undefined))
    } catch (e) {
      showError(e)
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  const current = info?.sets.find((s) => s.target === target)
  return (
    <Page
      title="资格审查规则设置"
      subtitle="每次保存形成新版本，审查意见记录所依据的版本"
      testId="elig-rule-settings"
      actions={
        <button type="button" className="btn" onClick={onBack}>
          返回任职资格审查
        </button>
      }
      toolbar={
        <Toolbar>
          <div className="elig-seg" role="radiogroup" aria-label="审查事项">
            {TARGET_OPTIONS.map((t) => (
              <button
                key={t.value}
                type="button"
                role="radio"
                aria-checked={!impact && target === t.value}
                className={!impact && target === t.value ? 'elig-seg-item active' : 'elig-seg-item'}
                onClick={() => {
                  setTarget(t.value)
                  setImpact(false)
                }}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div className="elig-seg" role="radiogroup" aria-label="影响期设置">
            <button
              type="button"
              role="radio"
              aria-checked={impact}
              className={impact ? 'elig-seg-item active' : 'elig-seg-item'}
              data-testid="impact-settings-tab"
              onClick={() => setImpact(true)}
            >
              影响期设置
            </button>
          </div>
        </Toolbar>
      }
    >
      {impact ? (
        <ImpactSettings />
      ) : current ? (
        <RuleSetEditor
          key={`${current.target}-${current.current.version}`}
          set={current.current}
          history={current.history}
          onSaved={() => void load()}
        />
      ) : null}
    </Page>
  )
}
