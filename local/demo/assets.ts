import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import type { Asset } from '../http';

const HERE = new URL('.', import.meta.url).pathname;

/** The demo page and its script (React, the package's SmsSignIn), bundled with esbuild at start: no CDN, no build step to forget. */
export async function demoAssets(): Promise<Map<string, Asset>> {
  const [html, favicon, bundle] = await Promise.all([
    readFile(`${HERE}index.html`, 'utf8'),
    readFile(`${HERE}favicon.svg`, 'utf8'),
    build({
      entryPoints: [`${HERE}app.tsx`],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      jsx: 'automatic',
      // React's production build: no development warnings, a smaller bundle.
      define: { 'process.env.NODE_ENV': '"production"' },
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
