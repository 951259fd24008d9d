import { readFileSync, writeFileSync } from 'node:fs';
import { withSettingsTable } from '../src/settings/readme-table';

// Rewrites README.md's configuration table from the settings registry (src/settings/definitions.ts).
const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withSettingsTable(readFileSync(path, 'utf8')));
