export function SettingsPage() {
  return <div data-testid="settings-page">系统设置</div>
}
