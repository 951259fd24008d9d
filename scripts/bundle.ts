import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { phoneMetadataAsJson } from './phone-metadata';

/**
 * How the Lambda is bundled: the same settings for the CDK's NodejsFunction, the bundle
 * smoke test and the benchmark. esbuild emits no decorator metadata, which is why the
 * container binds with factories only.
 */
export const LAMBDA_TARGET = 'node22';
/**
 * The Lambda Node.js runtime ships the AWS SDK v3, so the bundle leaves it out: 480 KB less to
 * load and compile at every cold start, though only SNS and PostAuthentication use it. Node finds
 * it as Lambda does, from a node_modules above the bundle. Pass `[]` to bundle it (the benchmark
 * does, to show the difference).
 */
export const RUNTIME_PROVIDED: string[] = ['@aws-sdk/*'];
// Some dependencies still call require(); an ESM bundle needs one made for it.
export const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export function lambdaBundleOptions(entry: string, outfile: string, external: string[] = RUNTIME_PROVIDED): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_TARGET,
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    external,
    logLevel: 'silent',
    metafile: true,
    plugins: [phoneMetadataAsJson],
  };
}

export async function bundleHandler(outfile: string, external: string[] = RUNTIME_PROVIDED) {
  return build(lambdaBundleOptions('src/handler.ts', outfile, external));
}

/**
 * A new directory to write a bundle to and run it from. It lies inside this project's node_modules,
 * so that node resolves the external SDK there, as Lambda resolves it from its runtime.
 */
export async function bundleScratchDir(prefix: string): Promise<string> {
  const cache = fileURLToPath(new URL('../node_modules/.cache/', import.meta.url));
  await mkdir(cache, { recursive: true });
  return mkdtemp(join(cache, prefix));
}
