import { runCli } from '../../main/cli/index'

/** The same command line in this process (faster; used where a child process adds nothing). */
export async function inProc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const ow = process.stdout.write.bind(process.stdout)
  const ew = process.stderr.write.bind(process.stderr)
  process.stdout.write = ((c: string | Uint8Array) => (
    out.push(String(c)),
    true
  )) as typeof process.stdout.write
  process.stderr.write = ((c: string | Uint8Array) => (
    err.push(String(c)),
    true
  )) as typeof process.stderr.write
  try {
    const code = await runCli(args)
    return { code, stdout: out.join(''), stderr: err.join('') }
  } finally {
    process.stdout.write = ow
    process.stderr.write = ew
  }
}
