/** Every CLI command; each capability adds its own file and one line here. */
import type { CliCommand } from '../args'

export const COMMANDS: CliCommand[] = []
