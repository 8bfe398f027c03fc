export function AuditPage() {
  return <div data-testid="audit-page">变更记录</div>
}
