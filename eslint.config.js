// Type-aware lint with the module boundaries of DESIGN.md enforced by import-x/no-restricted-paths.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const boundaries = [
  // domain is pure: it imports nothing of the project outside itself.
  { target: './src/domain', from: './src', except: ['./domain'] },
  // platforms know the domain only.
  { target: './src/platforms', from: './src/store' },
  { target: './src/platforms', from: './src/jobs' },
  { target: './src/platforms', from: './src/server' },
  { target: './src/platforms', from: './src/cli' },
  // a sandbox imports nothing of the orchestrator.
  { target: './src/platforms/*/sandbox', from: './src/domain' },
  // the sandbox kit they share neither (nor anything of one platform).
  { target: './src/platforms/sandbox-kit', from: './src/domain' },
  { target: './src/platforms/sandbox-kit', from: './src/platforms', except: ['./sandbox-kit'] },
  // store knows the domain and lib only.
  { target: './src/store', from: './src/server' },
  { target: './src/store', from: './src/jobs' },
  { target: './src/store', from: './src/cli' },
  { target: './src/jobs', from: './src/server' },
  { target: './src/jobs', from: './src/cli' },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'data', 'coverage', 'test-data'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
);
