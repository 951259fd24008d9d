import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', 'dist', 'coverage', 'test-results', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The hexagon's core: the domain decides, and depends on nothing but itself.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['aws-lambda', '@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@aws-lambda-powertools/*'],
              message: 'The domain imports nothing from AWS.',
            },
            { group: ['inversify', 'reflect-metadata', 'ky', 'pino', 'node:*'], message: 'The domain imports no framework or runtime module; use a port.' },
            { group: ['../*', '../../*'], message: 'The domain imports only from src/domain.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'Decorator', message: 'The domain has no decorators.' },
        { selector: "MemberExpression[object.name='process']", message: 'The domain never reads process; configuration arrives as values.' },
      ],
    },
  },
  {
    // Every setting is read through the registry (src/settings) from the environment the composition root hands over;
    // outside it, nothing reads process.env. Every call out goes through src/adapters/http/exchange.ts (node:http), not ky.
    files: ['src/**/*.ts'],
    ignores: ['src/handler.ts', 'src/compose.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through src/settings; only src/handler.ts hands process.env over.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'ky', message: 'Every call out goes through src/adapters/http/exchange.ts (node:http).' }],
        },
      ],
    },
  },
);
