/** 变更记录: every change in the database, newest first. */
import { Page } from '../../components'
import { AuditList } from './AuditList'

export function AuditPage() {
  return (
    <Page title="变更记录" subtitle="所有新增、修改、状态变更、导入均记录在此，不可删改" testId="audit-page">
      <AuditList />
    </Page>
  )
}
