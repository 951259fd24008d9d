import { readFile } from 'node:fs/promises';

/** The one ```<language> block of README.md whose text starts with `start`. */
export async function readmeBlock(language: string, start: string): Promise<string> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(([, body = '']) => body);
  const found = blocks.filter((body) => body.startsWith(start));
  if (found.length !== 1) throw new Error(`README.md has ${found.length} \`\`\`${language} blocks starting with "${start.trim()}"; expected one`);
  return found[0] ?? '';
}

/** The ```ts block of README.md whose first line is `// <file>`: README's examples name the file they belong in. */
export const readmeSnippet = (file: string): Promise<string> => readmeBlock('ts', `// ${file}\n`);

/** README's Install block of what `cdk deploy` prints for the Install snippet's stack (`MyApp`). */
export const readmeDeployOutputs = async (): Promise<string> => (await readmeBlock('text', 'Outputs:\nMyApp.')).trimEnd();
