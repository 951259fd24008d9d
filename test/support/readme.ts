import { readFile } from 'node:fs/promises';

/** The ```ts block of README.md whose first line is `// <file>`: README's examples name the file they belong in. */
export async function readmeSnippet(file: string): Promise<string> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, body = '']) => body);
  const found = blocks.filter((body) => body.startsWith(`// ${file}\n`));
  if (found.length !== 1) throw new Error(`README.md has ${found.length} \`\`\`ts blocks starting with "// ${file}"; expected one`);
  return found[0] ?? '';
}
