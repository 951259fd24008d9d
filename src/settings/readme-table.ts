import { ALL_SETTINGS } from './definitions';
import { secretIdVariable, type Setting } from './setting';

/** Where docs/configuration.md holds the table; `npm run settings:readme` rewrites what is between. */
export const TABLE_START = '<!-- settings table: generated from src/settings/definitions.ts by `npm run settings:readme` -->';
export const TABLE_END = '<!-- end of settings table -->';

const code = (text: string) => `\`${text}\``;

function shownDefault(definition: Setting<unknown, unknown>): string {
  const providers = definition.providers?.map(code).join(', ');
  const base = definition.shownDefault ?? (definition.reader.fallback !== undefined ? code(String(definition.reader.fallback)) : '—');
  if (definition.shownDefault === undefined && definition.reader.required) return providers ? `— (required for ${providers})` : '— (required)';
  return base;
}

/** The configuration table of docs/configuration.md, one row per variable (two for a secret: its plain form and its `*_SECRET_ID`). */
export function settingsTable(): string {
  const rows = ['| variable | default | accepts | providers | CDK context / construct setting | meaning |', '| --- | --- | --- | --- | --- | --- |'];
  for (const definition of ALL_SETTINGS) {
    const providers = definition.providers?.map(code).join(', ') ?? 'all';
    const context = definition.context === undefined || definition.secret ? '—' : code(definition.context);
    rows.push(`| ${code(definition.env)} | ${shownDefault(definition)} | ${definition.reader.accepts} | ${providers} | ${context} | ${definition.doc} |`);
    if (definition.secret) {
      const context = definition.context === undefined ? '—' : `${code(definition.context)} (else a created secret)`;
      rows.push(
        `| ${code(secretIdVariable(definition))} | — | a Secrets Manager secret's name or ARN | ${providers} | ${context} | ` +
          `in Lambda, instead of ${code(definition.env)}: read from this secret once per cold start (setting both is an error) |`,
      );
    }
  }
  return rows.join('\n');
}

/** `doc` (docs/configuration.md) with its settings table replaced by `settingsTable()`. */
export function withSettingsTable(doc: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`docs/configuration.md has no settings table between "${TABLE_START}" and "${TABLE_END}"`);
  return `${doc.slice(0, start + TABLE_START.length)}\n\n${settingsTable()}\n\n${doc.slice(end)}`;
}
