import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_SETTINGS } from '../../src/settings/definitions';
import { settingsTable, withSettingsTable } from '../../src/settings/readme-table';

describe('the configuration table of docs/configuration.md', () => {
  it('is the one the settings registry generates (after changing a setting, run `npm run settings:readme`)', () => {
    // Prepare
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');

    // Act
    const regenerated = withSettingsTable(doc);

    // Assess
    expect(doc, 'docs/configuration.md is out of date with src/settings/definitions.ts: run `npm run settings:readme`').toBe(regenerated);
  });

  it('has a row for every variable, and one per secret id', () => {
    // Act
    const table = settingsTable();

    // Assess
    for (const { env } of ALL_SETTINGS) expect(table).toContain(`| \`${env}\` |`);
    expect(table).toContain('| `EASYAUTH_API_KEY_SECRET_ID` |');
    expect(table).toContain('| `OTP_HMAC_SECRET_ID` |');
  });
});

describe('the settings registry', () => {
  it('names each variable and each context key once', () => {
    // Prepare
    const envs = ALL_SETTINGS.map((definition) => definition.env);
    const contexts = ALL_SETTINGS.flatMap((definition) => definition.context ?? []);

    // Assess
    expect(new Set(envs).size).toBe(envs.length);
    expect(new Set(contexts).size).toBe(contexts.length);
  });
});
