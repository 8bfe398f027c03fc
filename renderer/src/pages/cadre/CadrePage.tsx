export function CadrePage({ param }: { param: string }) {
  return <div data-testid="cadre-page">{param}</div>
}
