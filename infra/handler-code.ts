import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';

/** The file in the handler's asset, and its export: `index.handler`. */
export const HANDLER = 'index.handler';

// From the installed package (dist/infra/handler-code.js) this is dist/lambda, built by `npm pack`.
const PREBUILT = fileURLToPath(new URL('../lambda/', import.meta.url));
// From this repository's sources (infra/handler-code.ts) this is the repository itself.
const SOURCES = fileURLToPath(new URL('../', import.meta.url));

/**
 * The handler's code. The package ships it prebuilt, so that a user's synth needs neither esbuild nor
 * our TypeScript. Running from this repository's sources (tests, `npm run synth`), there is no prebuilt
 * bundle: it is built at synth, by the same script and esbuild options as the package's, and only
 * when the stack is bundled (tests that skip bundling skip it, as NodejsFunction did).
 */
export function handlerCode(): Code {
  if (existsSync(join(PREBUILT, 'index.mjs'))) return Code.fromAsset(PREBUILT);
  if (!existsSync(join(SOURCES, 'src', 'handler.ts'))) {
    throw new Error(`SmsOtpSignIn: the handler bundle ${join(PREBUILT, 'index.mjs')} is missing from the package; reinstall cognito-sms-otp`);
  }
  return Code.fromAsset(join(SOURCES, 'src'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the type, never pulled: the local build below either succeeds or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      local: {
        tryBundle(outputDir: string): boolean {
          const args = ['--import', 'tsx', join(SOURCES, 'scripts', 'build-lambda.ts'), join(outputDir, 'index.mjs')];
          execFileSync(process.execPath, args, { cwd: SOURCES, stdio: ['ignore', 'inherit', 'inherit'], timeout: 60_000 });
          return true;
        },
      },
    },
  });
}
