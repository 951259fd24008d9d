import { readFile } from 'node:fs/promises';

/**
 * The ```ts block of `doc` (README.md, or a page under docs/) whose first line is `// <file>`: the examples name the
 * file they belong in. Exactly one such block, or it throws.
 */
export async function readmeSnippet(file: string, doc = 'README.md'): Promise<string> {
  const text = await readFile(new URL(`../../${doc}`, import.meta.url), 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, body = '']) => body);
  const found = blocks.filter((body) => body.startsWith(`// ${file}\n`));
  if (found.length !== 1) throw new Error(`${doc} has ${found.length} \`\`\`ts blocks starting with "// ${file}"; expected one`);
  return found[0] ?? '';
}
