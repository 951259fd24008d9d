import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedOutputs } from '../support/deploy-outputs';
import { EmptyRegistry } from '../support/registry-server';
import { releaseWorkflow, workflowRuns } from '../support/release-workflow';
import { readmeDeployOutputs, readmeSnippet } from '../support/readme';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const TRIGGERS = ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse', 'PreSignUp', 'PostAuthentication'];
const CDK_LIBS = ['aws-cdk-lib@^2.276.0', 'constructs@^10'];

/** What one `new SmsOtpSignIn(…)` with a new pool puts in the template, by resource type. Extend as the construct grows. */
const EXPECTED_RESOURCES: Record<string, number> = {
  'AWS::Cognito::UserPool': 1,
  'AWS::Cognito::UserPoolClient': 1,
  'AWS::Lambda::Function': 1,
  // The EasyAuth API key and the HMAC key of the ledger's phone hashes.
  'AWS::SecretsManager::Secret': 2,
  'AWS::DynamoDB::Table': 1,
  'AWS::WAFv2::WebACL': 1,
  'AWS::Logs::LogGroup': 1,
};

// The props are typed from the package's .d.ts: were they `any`, this expected error would be missing and tsc would fail.
const TYPES_CHECK = `import type { SmsOtpSignInProps } from 'cognito-sms-otp/cdk';
// @ts-expect-error no such provider
export const wrong: SmsOtpSignInProps = { provider: { kind: 'carrier-pigeon' } };
`;

const tsconfig = (rootDir: string) => ({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    rootDir,
    outDir: 'build',
    types: [],
  },
});

type Resource = { Type: string; Properties: Record<string, unknown> };
type Template = { Resources: Record<string, Resource>; Outputs?: Record<string, { Value: unknown }> };

/** A fresh app outside the repository: its files, then `npm install` of the tarball and `packages` (npm's cache first). */
async function newApp(work: string, name: string, files: Record<string, string>, packages: string[]): Promise<string> {
  const dir = join(work, name);
  for (const [file, text] of Object.entries({ 'package.json': JSON.stringify({ name, private: true, type: 'module' }), ...files })) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...packages], { cwd: dir, timeout: 300_000 });
  await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: dir, timeout: 120_000 });
  return dir;
}

/** Runs a compiled app as the CDK CLI (or `ampx`) does: CDK_OUTDIR makes the App synthesize on exit. */
async function synth(dir: string, main: string, context: Record<string, string> = {}): Promise<string> {
  const env = { PATH: process.env.PATH ?? '', CDK_OUTDIR: join(dir, 'cdk.out'), CDK_CONTEXT_JSON: JSON.stringify(context), CDK_DISABLE_CLI_TELEMETRY: 'true' };
  await run(process.execPath, [main], { cwd: dir, timeout: 120_000, env });
  return join(dir, 'cdk.out');
}

const readTemplate = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Template;
const ofType = (template: Template, type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** The function's code is the bundle shipped in the package, byte for byte. */
async function deploysShippedBundle(dir: string, template: Template): Promise<boolean> {
  const [[, fn] = []] = ofType(template, 'AWS::Lambda::Function');
  const assetHash = String((fn?.Properties.Code as { S3Key?: string } | undefined)?.S3Key).replace(/\.zip$/, '');
  const deployed = await readFile(join(dir, 'cdk.out', `asset.${assetHash}`, 'index.mjs'));
  const shipped = await readFile(join(dir, 'node_modules', 'cognito-sms-otp', 'dist', 'lambda', 'index.mjs'));
  return deployed.equals(shipped);
}

function poolTriggers(template: Template): { triggers: Record<string, unknown>; functionId: string | undefined } {
  const [[functionId] = []] = ofType(template, 'AWS::Lambda::Function');
  const [[, pool] = []] = ofType(template, 'AWS::Cognito::UserPool');
  return { triggers: (pool?.Properties.LambdaConfig ?? {}) as Record<string, unknown>, functionId };
}

// The package as a user gets it: `npm pack` (prepack builds and checks dist/), then the install snippets of README and docs/deployment.md, each
// in a fresh app outside the repository that installs the tarball and its peers from npm, compiles with tsc, synthesizes.
describe('the package, installed as README says', () => {
  let work: string;
  let tarball: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'cognito-sms-otp-package-'));
    await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: REPO, timeout: 180_000 });
    tarball = join(work, (await readdir(work)).find((name) => name.endsWith('.tgz')) ?? 'missing.tgz');
  }, 200_000);
  // Deleting a temporary app with its node_modules can take a while on a busy machine.
  afterAll(() => (work === undefined ? undefined : rm(work, { recursive: true, force: true })), 120_000);

  it('is a tarball under 1 MB with the construct, the handler bundle and no tests, playground or benchmark', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.split('\n').filter(Boolean);

    expect((await stat(tarball)).size).toBeLessThan(1_000_000);
    expect(files).toEqual(
      expect.arrayContaining(['package/dist/infra/cdk.js', 'package/dist/infra/cdk.d.ts', 'package/dist/lambda/index.mjs', 'package/LICENSE']),
    );
    expect(files.filter((file) => !/^package\/(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(file))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('publishes it as the release workflow would, run with --dry-run: this tarball, and nothing sent to the registry', async () => {
    // Prepare: the workflow's own publish line, for the tag of this version, against a registry on this machine.
    const publish = workflowRuns(await releaseWorkflow()).find((command) => command.startsWith('npm publish '));
    const { version } = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const registry = await new EmptyRegistry().start();
    try {
      // Act
      const flags = `--dry-run --json --registry ${registry.origin}/ --fetch-retries=0`;
      const env = { ...process.env, GITHUB_REF_NAME: `v${version}` };
      const { stdout } = await run('bash', ['-c', `${publish} ${flags}`], { cwd: work, env, timeout: 120_000 });
      const { stdout: listing } = await run('tar', ['-tzf', tarball]);

      // Assess: it would publish this very tarball; it only asked whether the version exists
      const report = (JSON.parse(stdout) as Record<string, { id: string; filename: string; files: { path: string }[] }>)['cognito-sms-otp'];
      expect(report).toMatchObject({ id: `cognito-sms-otp@${version}`, filename: basename(tarball) });
      expect(report?.files.map(({ path }) => `package/${path}`).sort()).toEqual(listing.split('\n').filter(Boolean).sort());
      // (npm asks twice, once per document format; a publish would be a PUT.)
      expect(new Set(registry.requests)).toEqual(new Set(['GET /cognito-sms-otp']));
    } finally {
      await registry.stop();
    }
  });

  describe('in a new CDK app', () => {
    let dir: string;
    let template: Template;

    beforeAll(async () => {
      // Prepare
      const files = { 'bin/app.ts': await readmeSnippet('bin/app.ts'), 'bin/types.ts': TYPES_CHECK, 'tsconfig.json': JSON.stringify(tsconfig('bin')) };
      dir = await newApp(work, 'cdk-app', files, [tarball, ...CDK_LIBS]);

      // Act
      const out = await synth(dir, 'build/app.js');
      template = await readTemplate(join(out, 'MyApp.template.json'));
    }, 400_000);

    it('synthesizes with neither esbuild nor our TypeScript sources in the app', () => {
      expect(existsSync(join(dir, 'node_modules', 'esbuild'))).toBe(false);
      expect(existsSync(join(dir, 'node_modules', 'cognito-sms-otp', 'src', 'handler.ts'))).toBe(false);
    });

    it('puts the resources of one sign-in in the template', () => {
      const counts: Record<string, number> = {};
      for (const resource of Object.values(template.Resources)) counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;

      expect(counts).toMatchObject(EXPECTED_RESOURCES);
    });

    it("attaches the function to the pool's five triggers", () => {
      const { triggers, functionId } = poolTriggers(template);

      expect(Object.keys(triggers).sort()).toEqual([...TRIGGERS].sort());
      for (const trigger of TRIGGERS) expect(triggers[trigger]).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
    });

    it("outputs the pool, the client, the region and the secret's command, as README's Install section shows them printed", async () => {
      expect(Object.keys(template.Outputs ?? {}).sort()).toEqual(['SignInPutEasyAuthApiKey', 'SignInRegion', 'SignInUserPoolClientId', 'SignInUserPoolId']);
      // Each value resolved as the deploy would, the Refs by their resources' types: README's text, line for line.
      expect(printedOutputs('MyApp', template)).toBe(await readmeDeployOutputs());
    });

    it('reserves no concurrency, so that the first deploy fits an account limited to 10', () => {
      const [[, fn] = []] = ofType(template, 'AWS::Lambda::Function');

      expect(fn?.Properties.ReservedConcurrentExecutions).toBeUndefined();
    });

    it('deploys the bundle shipped in the package, as is, on Node.js 22 ARM', async () => {
      const [[, fn] = []] = ofType(template, 'AWS::Lambda::Function');

      expect(fn?.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      expect(await deploysShippedBundle(dir, template)).toBe(true);
    });
  });

  describe('in an Amplify Gen 2 backend', () => {
    let dir: string;
    let template: Template;

    beforeAll(async () => {
      // Prepare
      const files = {
        'amplify/backend.ts': await readmeSnippet('amplify/backend.ts', 'docs/deployment.md'),
        'amplify/auth/resource.ts': await readmeSnippet('amplify/auth/resource.ts', 'docs/deployment.md'),
        'tsconfig.json': JSON.stringify({ ...tsconfig('.'), include: ['amplify'] }),
      };
      dir = await newApp(work, 'amplify-app', files, [tarball, '@aws-amplify/backend@^1', ...CDK_LIBS]);

      // Act: as `ampx sandbox` synthesizes, without deploying
      const out = await synth(dir, 'build/amplify/backend.js', {
        'amplify-backend-namespace': 'smsotp',
        'amplify-backend-name': 'test',
        'amplify-backend-type': 'sandbox',
      });
      const nested = (await readdir(out)).filter((name) => /auth.*\.nested\.template\.json$/.test(name));
      expect(nested).toHaveLength(1);
      template = await readTemplate(join(out, nested[0] ?? ''));
    }, 400_000);

    it("attaches the function to the Amplify pool's five triggers, in the auth stack", () => {
      const { triggers, functionId } = poolTriggers(template);

      expect(Object.keys(triggers).sort()).toEqual([...TRIGGERS].sort());
      for (const trigger of TRIGGERS) expect(triggers[trigger]).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
    });

    it('keeps Cognito from texting verification or recovery codes itself', () => {
      const [[, pool] = []] = ofType(template, 'AWS::Cognito::UserPool');

      expect(pool?.Properties.AutoVerifiedAttributes).toEqual([]);
      expect(pool?.Properties.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] });
    });

    it('deploys the bundle shipped in the package', async () => {
      expect(await deploysShippedBundle(dir, template)).toBe(true);
    });
  });
});
