/**
 * Accounts (issue 12): local accounts with argon2id password hashes (main/auth/passwords.ts) and
 * their roles: 干部科 clerk, 部长·副部长 head, administrator. One account may hold several roles.
 */
export default `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  roles TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);
`
