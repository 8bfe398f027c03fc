/**
 * Steps other capabilities add to the first-run wizard. They run after the real database exists
 * (the county's name and the data folder are set) and before 开始使用 (import or demo).
 *
 * The slot for the first administrator account (accounts and roles, issue 12): append
 *   { id: 'admin', title: '管理员账号', Component: AdminAccountStep }
 * where the component calls its own channel and then `onNext()`.
 */
import type { ReactNode } from 'react'

export interface SetupStepProps {
  /** Go on to the next step (call after this step's data is saved). */
  onNext(): void
}

export interface SetupStep {
  id: string
  /** Short title in the step list, e.g. 管理员账号. */
  title: string
  Component: (props: SetupStepProps) => ReactNode
}

export const EXTRA_SETUP_STEPS: SetupStep[] = []
