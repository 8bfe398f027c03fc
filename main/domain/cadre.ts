/** Domain types of a cadre and the records around them (DOMAIN.md, CLI.md exchange file). */
import type { CadreFields } from './fields'
import type { ResumeEntry } from './resume'

export interface FamilyMember {
  relation: string
  name: string
  /** `YYYY-MM` */
  birthDate: string | null
  politicalStatus: string | null
  workUnitPosition: string | null
}

/** One person as the detail editor sees them: the form's fields plus 简历 and family. */
export interface CadreRecord extends CadreFields {
  id: number
  unitId: number | null
  hasPhoto: boolean
  /** 原法定退休年龄 set on the cadre (50 / 55 / 60); null = the default by gender. */
  retireBaseAge: number | null
  /** 到龄时间 `YYYY-MM` under the 2025 reform; null = 待补充 (main/domain/retirement.ts). */
  retireDate: string | null
  resume: ResumeEntry[]
  family: FamilyMember[]
  createdAt: string
  updatedAt: string
}

/** What the detail editor sends back. `id` null creates a person. */
export interface CadreInput extends Partial<CadreFields> {
  id: number | null
  /** 原法定退休年龄 50 / 55 / 60; null = the default by gender; absent = unchanged. */
  retireBaseAge?: number | null
  resume?: ResumeEntry[]
  family?: FamilyMember[]
}

/** One grid row. `age` is computed at today's date; `impactUntil` is the end of a running
 *  discipline / admonishment impact period (filled from issue 5 on; null before). */
export interface CadreRow extends CadreFields {
  id: number
  unitId: number | null
  age: number | null
  impactUntil: string | null
  /** 到龄时间 `YYYY-MM` (2025 reform); null = 待补充. */
  retireDate: string | null
}

export type FilterOp = 'contains' | 'notContains' | 'equals' | 'notEqual' | 'startsWith' | 'endsWith' | 'blank' | 'notBlank'
export interface ColumnFilter {
  op: FilterOp
  value?: string
}

export interface CadreQuery {
  /** Quick search: name, pinyin initials (zs → 张三), ID number, unit name. */
  search?: string
  /** Narrow to a unit and the units below it. */
  unitId?: number | null
  /** Default ['在职']; empty array = every status. */
  statuses?: string[]
  filters?: Record<string, ColumnFilter>
  sort?: { key: string; dir: 'asc' | 'desc' }[]
  offset: number
  limit: number
}

export interface CadreQueryResult {
  rows: CadreRow[]
  total: number
}

export interface Unit {
  id: number
  name: string
  parentId: number | null
  kind: string | null
  sortOrder: number
  /** Active cadres directly in this unit. */
  count: number
}

export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entityId: number | null
  cadreId: number | null
  summary: string
  before: unknown
  after: unknown
}
