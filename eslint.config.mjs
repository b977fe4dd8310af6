// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', '.cache/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // A spread passes every element as an argument: past about 100,000 the call overflows the
    // stack (RangeError). Loops, or concat with the array itself, have no such limit.
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(min|max|hypot)$/] > SpreadElement",
          message: 'Math.min/max(...array) throws RangeError on a large array: use a loop.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(push|unshift|concat|splice)$/] > SpreadElement',
          message: 'push/unshift/concat/splice(...array) throws RangeError on a large array: use a loop (or concat(array)).',
        },
        {
          selector: "CallExpression[callee.property.name=/^(fromCharCode|fromCodePoint)$/] > SpreadElement",
          message: 'String.fromCharCode(...array) throws RangeError on a large array: build the string in chunks.',
        },
        {
          selector: "CallExpression[callee.property.name='apply'][callee.object.property.name=/^(min|max|push|unshift|fromCharCode)$/]",
          message: 'f.apply(null, array) spreads the array over the call stack: use a loop.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', Buffer: 'readonly', performance: 'readonly', fetch: 'readonly' },
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  {
    // The simulator and lesson engine must stay free of VS Code and of the wall clock.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code.' }] }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'No wall clock inside the simulator.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded random source.' },
        { object: 'performance', property: 'now', message: 'No wall clock inside the simulator.' },
      ],
    },
  },
);
