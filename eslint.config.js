import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

// Boundaries (issue 11). The renderer runs in the window: it imports types from main/ freely, but
// run-time code only from the few shared, pure modules below (no database, no Node).
const RENDERER_MAY_RUN = [
  'main/domain/**', // fields, dates, ID numbers, 简历, retirement: pure rules
  'main/eligibility/rules', // rule labels and descriptions shown on the review page
  'main/eligibility/types',
  'main/form/fit', // the form's fit-to-box script, run in the preview
  'main/form/set-list', // splitting a pasted meeting list, as the server does
  'main/ipc/codec', // the browser host's wire format
  'main/records/fields', // each record kind's one definition: fields, labels, lists, limits
  'main/records/kinds', // record kinds and their labels
  'main/records/vocab', // vocabularies (党内严重警告 → 严重警告)
]
// main/services is the bottom layer: it does not import records, eligibility or the IPC layer.
const SERVICES_MAY_NOT = ['records', 'eligibility', 'ipc']
// Allow-list: imports that cross that line today. Each is a piece of domain logic that belongs in
// main/domain/ (moving it touches several helpers' modules); a new crossing fails the lint.
const SERVICES_CROSSING = {
  'main/services/cadres/query.ts': ['records/impact'], // the roster's 影响期 column
  'main/services/demo/person.ts': ['records/crosschecks'], // demo grades that pass the checks
  'main/services/exchange/extras.ts': ['eligibility/rules'], // rule sets in the exchange file
  'main/services/exchange/schema.ts': [
    'eligibility/rules', // TARGETS
    'records/field-schemas', // the record kinds' items, derived from their one definition
    'records/fields',
    'records/kinds',
  ],
  // The record kinds' SQL, derived from their one definition (main/records/fields.ts).
  'main/services/exchange/read.ts': ['records/fields', 'records/kinds'],
  'main/services/exchange/write.ts': ['records/fields', 'records/kinds'],
  'main/services/exchange/load.ts': [
    'eligibility/readable', // warnings for values the rules cannot read
    'records/crosschecks',
    'records/fields', // each field of a record read by its definition
    'records/impact', // impact periods refreshed after a load
    'records/kinds',
    'records/vocab',
  ],
  'main/services/backup.ts': ['ipc/contract/core'], // the BackupInfo type
}
const servicesRule = (allowed = []) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          regex: `^(\\.\\./)+${allowed.length ? `(?!(${allowed.join('|')})$)` : ''}(${SERVICES_MAY_NOT.join('|')})/`,
          message: 'main/services 不引入 records、eligibility 或 ipc（分层：services 在最底层）；确需共用的规则放到 main/domain/',
        },
      ],
    },
  ],
})

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'bench-results/**', 'test-results/**', '.scratch*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/set-state-in-effect': 'off' },
  },
  {
    // Domain, database and service code runs under Node tests and the CLI: no Electron there.
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}', 'tests/**/*.ts', 'bench/**/*.ts'],
    ignores: ['main/index.ts', 'main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: '只有 main/index.ts 与 main/electron/ 可以引入 electron' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `(^|/)main/(?!(${RENDERER_MAY_RUN.map((m) => m.slice(5).replace('**', '.+')).join('|')})$)`,
              allowTypeImports: true,
              message: `界面（renderer）只从这些共用模块引入运行时代码：${RENDERER_MAY_RUN.join('、')}；其余用 import type，数据经 IPC 取得`,
            },
            { regex: '^node:', message: '界面（renderer）在窗口里运行，不引入 Node 模块' },
          ],
        },
      ],
    },
  },
  { files: ['main/services/**/*.ts'], ignores: Object.keys(SERVICES_CROSSING), rules: servicesRule() },
  ...Object.entries(SERVICES_CROSSING).map(([file, allowed]) => ({ files: [file], rules: servicesRule(allowed) })),
  { files: ['eslint.config.js', 'scripts/**/*.mjs', 'bench/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
)
