/** Every CLI command; each capability adds its own file and one line here. */
import type { CliCommand } from '../args'
import { exportCommand } from './export'
import { eligibilityCommand } from './eligibility'

export const COMMANDS: CliCommand[] = [exportCommand, eligibilityCommand]
