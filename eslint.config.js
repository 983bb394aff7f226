import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'dashboard/dist/',
      'test-results/',
      'pipeline/models/',
      '.bench-cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  // Import boundaries: the contract (pipeline/src/schema/) is all the app may take from the
  // pipeline; the server also loads the model, the index and the run folder for search; the
  // pipeline never imports the dashboard.
  {
    files: ['dashboard/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)pipeline/(?!src/schema/)',
              message:
                'The app reads the pipeline only through its contract, pipeline/src/schema/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['dashboard/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '(^|/)pipeline/(?!src/(schema/|embed/|index/|output/run-folder\\.ts$|output/run-lock\\.ts$|cli/(exit-codes|caller-paths)\\.ts$|topics/tokenize\\.ts$|themes/(theme-config|edit-theme-file|rescore-run|themes-source)\\.ts$))',
              message:
                "The server takes the contract, the run folder and its lock, exit codes, the caller's folder, the embedder, the index (dense and lexical), the tokenizer and the watch-list editing, re-scoring and recorded source from the pipeline, nothing else.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['pipeline/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)dashboard/', message: 'The pipeline never imports the dashboard.' },
          ],
        },
      ],
    },
  },
);
