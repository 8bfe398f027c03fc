/** Builds the renderer once before the end-to-end tests (skipped when it is up to date). */
import { ensureRendererBuilt } from '../../main/web/cli-build'

export default function setup(): void {
  ensureRendererBuilt()
}
