export function RosterPage() {
  return <div data-testid="roster-page">干部花名册</div>
}
