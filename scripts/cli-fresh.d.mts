/** Types of scripts/cli-fresh.mjs for the benches. */
export function builtCli(root: string): string
export function builtCliIsFresh(root: string): boolean
