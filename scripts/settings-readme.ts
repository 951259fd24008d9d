import { readFileSync, writeFileSync } from 'node:fs';
import { withSettingsTable } from '../src/settings/readme-table';

// Rewrites the configuration table of docs/configuration.md from the settings registry (src/settings/definitions.ts).
const path = new URL('../docs/configuration.md', import.meta.url);
writeFileSync(path, withSettingsTable(readFileSync(path, 'utf8')));
