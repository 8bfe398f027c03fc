/** Password hashes: argon2id through @node-rs/argon2 (a maintained binding), PHC strings. The
 *  binding loads on the first hash or check: a command that signs nobody in never loads it. */
const argon2 = () => import('@node-rs/argon2')

/** OWASP's argon2id minimum (19 MiB, 2 passes); a sign-in costs a few tens of milliseconds. */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 }

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS)
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(phc, password)
  } catch {
    return false
  }
}

/** Chinese reason a new password is not accepted, or null. */
export function passwordProblem(password: string, login: string): string | null {
  if (password.length < 8) return '密码至少 8 位'
  if (password.length > 200) return '密码过长（最多 200 位）'
  if (password.toLowerCase() === login.toLowerCase()) return '密码不能与账号名相同'
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length
  if (kinds < 2) return '密码至少包含字母、数字、符号中的两类'
  return null
}
