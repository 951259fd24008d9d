import { readFile } from 'node:fs/promises';

/** The `run:` commands of a GitHub Actions workflow, in order (one-line runs only, as .github/workflows/release.yml has). */
export const workflowRuns = (workflow: string): string[] => [...workflow.matchAll(/^ {6}- run: (.+)$/gm)].map(([, command = '']) => command);

/** The release workflow's text. */
export const releaseWorkflow = (): Promise<string> => readFile(new URL('../../.github/workflows/release.yml', import.meta.url), 'utf8');
