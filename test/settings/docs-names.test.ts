import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEYS } from '../../infra/context';
import { ALL_SETTINGS, SETTINGS } from '../../src/settings/definitions';
import { secretIdVariable } from '../../src/settings/setting';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
/** README and every page under docs/, by path. */
const DOCS = [
  'README.md',
  ...readdirSync(new URL('docs/', ROOT))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
/** The prefixes of the function's variables; the playground's own (PORT, AUTH_SESSION_MINUTES, …) and AWS's have none of them. */
const FUNCTION_VARIABLE = /`((?:OTP|EASYAUTH|SOLAPI|TWILIO|SNS|SMS|FAKE|ALLOW_FAKE)_[A-Z0-9_]+|APP_NAME|LOG_LEVEL)`/g;
const VARIABLES = new Set(ALL_SETTINGS.flatMap((definition) => (definition.secret ? [definition.env, secretIdVariable(definition)] : [definition.env])));

describe('the setting names the docs spell', () => {
  it.each(DOCS)('%s names only variables the settings registry defines', (path) => {
    // Act
    const named = [...read(path).matchAll(FUNCTION_VARIABLE)].map(([, name = '']) => name);

    // Assess
    expect(named.filter((name) => !VARIABLES.has(name))).toEqual([]);
  });

  it.each(DOCS)('%s passes only context keys the example app reads (`-c key=value`)', (path) => {
    // Act
    const keys = [...read(path).matchAll(/-c\s+([A-Za-z]+)=/g)].map(([, key = '']) => key).filter((key) => key !== 'key');

    // Assess
    expect(keys.filter((key) => !CONTEXT_KEYS.includes(key))).toEqual([]);
  });

  it("configuration.md's example definition is the registry's own", () => {
    // Prepare
    const doc = read('docs/configuration.md');
    const example =
      /```ts\n\/\/ src\/settings\/definitions\.ts, inside SETTINGS\n(.*)\n\/\/ where it is used, e\.g\. src\/adapters\/runtime\/config\.ts\n(.*)\n```/.exec(
        doc,
      );
    const { env, context, doc: meaning } = SETTINGS.maxResendWaitSeconds;

    // Assess
    expect(example?.[1]).toContain(`maxResendWaitSeconds: setting({ env: '${env}', context: '${context}', `);
    expect(example?.[1]).toContain(`doc: '${meaning}' }),`);
    expect(read('src/settings/definitions.ts')).toContain(/reader: wholeNumber\([^)]*\)/.exec(example?.[1] ?? '')?.[0]);
    expect(read('src/adapters/runtime/config.ts')).toContain(example?.[2]?.trim());
  });
});
