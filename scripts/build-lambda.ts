import { bundleHandler } from './bundle';

/**
 * `tsx scripts/build-lambda.ts <file.mjs>`: the handler bundle the construct deploys. The package build
 * runs it into dist/lambda; in this repository the construct runs it at synth (infra/handler-code.ts).
 */
const [outfile] = process.argv.slice(2);
if (outfile === undefined || !outfile.endsWith('.mjs')) {
  console.error('usage: tsx scripts/build-lambda.ts <outfile.mjs>');
  process.exit(2);
}
const result = await bundleHandler(outfile);
if (result.errors.length > 0) {
  console.error(result.errors.map((e) => e.text).join('\n'));
  process.exit(1);
}
