import tsParser from '@typescript-eslint/parser';
import noCrossFeatureImports from './eslint-rules/no-cross-feature-imports.js';

// The PWA is organised by feature (src/features/<feature>/{api,components}); this keeps the features apart. Type
// checking is tsc's, formatting nobody's: the one rule here is the boundary between features.
export default [
  { ignores: ['dist/**', 'src/api/schema.d.ts'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { hearth: { rules: { 'no-cross-feature-imports': noCrossFeatureImports } } },
    rules: {
      // The router and its routes (src/app) and the entry point compose features; nothing else imports one.
      'hearth/no-cross-feature-imports': ['error', { src: 'src', composers: ['app', 'main.tsx'] }],
    },
  },
];
