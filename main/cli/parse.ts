/** Minimal, strict option parsing: unknown options are bad input (exit 2). Light on purpose: no
 *  database, no services (main/cli/index.ts answers --help with this alone). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message)
  }
}

export interface OptionSpec {
  /** 'flag' takes no value; 'value' takes one. */
  [name: string]: 'flag' | 'value'
}

export interface ParsedArgs {
  positional: string[]
  options: Record<string, string | true>
}

export interface CliCommand {
  name: string
  usage: string
  summary: string
  options: OptionSpec
  run(args: ParsedArgs): Promise<number | void> | number | void
}

export function parseArgs(argv: string[], spec: OptionSpec): ParsedArgs {
  const positional: string[] = []
  const options: Record<string, string | true> = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2)
      const kind = spec[name]
      if (!kind) throw new CliError(`未知选项 --${name}`, `unknown option --${name}`)
      if (kind === 'flag') options[name] = true
      else {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i]
        if (v === undefined) throw new CliError(`选项 --${name} 缺少取值`, `option --${name} needs a value`)
        options[name] = v
      }
    } else positional.push(a)
  }
  return { positional, options }
}

