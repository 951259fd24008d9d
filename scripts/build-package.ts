import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { bundleHandler } from './bundle';
import { SPECIFIER } from './specifiers';

/**
 * `npm pack`'s build (prepack): the construct and the client helpers compiled by tsc to dist/ (ESM with
 * .d.ts), and the handler bundled once into dist/lambda/index.mjs, which the construct deploys as is.
 */
const DIST = resolve('dist');

rmSync(DIST, { recursive: true, force: true });
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
for (const file of filesUnder(DIST)) if (/\.(js|d\.ts)$/.test(file)) writeFileSync(file, withNodeSpecifiers(file, readFileSync(file, 'utf8')));
const result = await bundleHandler(join(DIST, 'lambda', 'index.mjs'));
if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.text).join('\n'));

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/**
 * Our sources import `./x` as bundlers and tsx allow; Node's ESM loader (and TypeScript's node16
 * resolution, for the .d.ts) wants `./x.js` or `./x/index.js`. tsc keeps specifiers as written.
 */
function withNodeSpecifiers(file: string, source: string): string {
  return source.replace(SPECIFIER, (whole, lead: string, quote: string, specifier: string) => {
    if (!specifier.startsWith('.') || /\.(js|mjs|json)$/.test(specifier)) return whole;
    const base = resolve(dirname(file), specifier);
    const target = existsSync(`${base}.js`) ? `${specifier}.js` : existsSync(join(base, 'index.js')) ? `${specifier}/index.js` : undefined;
    if (target === undefined) throw new Error(`${file}: cannot resolve ${specifier} in dist`);
    return `${lead}${quote}${target}${quote}`;
  });
}
