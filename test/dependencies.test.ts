import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const manifest = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, Record<string, string> | undefined>;
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [readFileSync(join(root, dir, entry.name), 'utf8')] : [],
  );

describe("package.json's runtime dependencies", () => {
  it('are each imported by src/, or are a peer dependency the packages we use require (reflect-metadata: inversify)', () => {
    // Prepare
    const dependencies = Object.keys(manifest('package.json').dependencies ?? {});
    const code = sources('src').join('\n');
    const imported = (name: string) => code.includes(`from '${name}`) || code.includes(`import('${name}`);
    const peers = dependencies.filter(imported).flatMap((name) => {
      const nested = ['@inversifyjs/container', '@inversifyjs/core'].filter(() => name === 'inversify');
      return [name, ...nested].flatMap((pkg) => Object.keys(manifest(`node_modules/${pkg}/package.json`).peerDependencies ?? {}));
    });

    // Act
    const unused = dependencies.filter((name) => !imported(name) && !peers.includes(name));

    // Assess
    expect(unused).toEqual([]);
  });
});
