import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import type { Asset } from '../http';

const HERE = new URL('.', import.meta.url).pathname;

/** The demo page and its script, bundled with esbuild at start: no CDN, no build step to forget. */
export async function demoAssets(): Promise<Map<string, Asset>> {
  const [html, favicon, bundle] = await Promise.all([
    readFile(`${HERE}index.html`, 'utf8'),
    readFile(`${HERE}favicon.svg`, 'utf8'),
    build({
      entryPoints: [`${HERE}app.ts`],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      logLevel: 'silent',
    }),
  ]);
  const script = bundle.outputFiles[0];
  if (!script) throw new Error('esbuild produced no demo script');
  return new Map<string, Asset>([
    ['/', { type: 'text/html; charset=utf-8', body: html }],
    ['/app.js', { type: 'text/javascript; charset=utf-8', body: script.contents }],
    ['/favicon.svg', { type: 'image/svg+xml', body: favicon }],
  ]);
}
