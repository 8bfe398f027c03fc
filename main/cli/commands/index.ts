/** Every CLI command; each capability adds its own file and one line here. */
import type { CliCommand } from '../args'
import { formCommand } from './form'
import { lrmxExportCommand } from './lrmx-export'
import { lrmxImportCommand } from './lrmx-import'
import { exportCommand } from './export'
import { eligibilityCommand } from './eligibility'
import { importCommand } from './import'
import { demoCommand } from './demo'
import { listCommand } from './list'
import { dumpCommand } from './dump'
import { loadCommand } from './load'
import { backupCommand } from './backup'
import { verifyCommand } from './verify'
import { statsCommand } from './stats'
import { restoreCommand } from './restore'
import { encryptCommand } from './encrypt'

export const COMMANDS: CliCommand[] = [formCommand, lrmxExportCommand, lrmxImportCommand, exportCommand, eligibilityCommand, importCommand, demoCommand, listCommand, dumpCommand, loadCommand, backupCommand, verifyCommand, restoreCommand, encryptCommand, statsCommand]
