import { readFile } from 'node:fs/promises';

/** The one ```<language> block of `doc` (README.md, or a page under docs/) whose text starts with `start`. */
export async function readmeBlock(language: string, start: string, doc = 'README.md'): Promise<string> {
  const text = await readFile(new URL(`../../${doc}`, import.meta.url), 'utf8');
  const blocks = [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(([, body = '']) => body);
  const found = blocks.filter((body) => body.startsWith(start));
  if (found.length !== 1) throw new Error(`${doc} has ${found.length} \`\`\`${language} blocks starting with "${start.trim()}"; expected one`);
  return found[0] ?? '';
}

/** The ```ts block of `doc` whose first line is `// <file>`: the examples name the file they belong in. */
export const readmeSnippet = (file: string, doc = 'README.md'): Promise<string> => readmeBlock('ts', `// ${file}\n`, doc);

/** README's Install block of what `cdk deploy` prints for the Install snippet's stack (`MyApp`). */
export const readmeDeployOutputs = async (): Promise<string> => (await readmeBlock('text', 'Outputs:\nMyApp.')).trimEnd();
