/** Every CLI command; each capability adds its own file and one line here. */
import type { CliCommand } from '../args'
import { formCommand } from './form'
import { lrmxExportCommand } from './lrmx-export'
import { lrmxImportCommand } from './lrmx-import'
import { exportCommand } from './export'
import { eligibilityCommand } from './eligibility'
import { importCommand } from './import'

export const COMMANDS: CliCommand[] = [formCommand, lrmxExportCommand, lrmxImportCommand, exportCommand, eligibilityCommand, importCommand]
