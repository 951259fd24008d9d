import { build, type BuildOptions } from 'esbuild';

/**
 * How the Lambda is bundled: the same settings for the CDK's NodejsFunction, the bundle
 * smoke test and the benchmark. esbuild emits no decorator metadata, which is why the
 * container binds with factories only.
 */
export const LAMBDA_TARGET = 'node22';
// Some dependencies still call require(); an ESM bundle needs one made for it.
export const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export function lambdaBundleOptions(entry: string, outfile: string, external: string[] = []): BuildOptions {
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
  };
}

export async function bundleHandler(outfile: string, external: string[] = []) {
  return build(lambdaBundleOptions('src/handler.ts', outfile, external));
}
