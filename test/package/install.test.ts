import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const TRIGGERS = ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse', 'PreSignUp', 'PostAuthentication'];

/** What one `new SmsOtpSignIn(…)` with a new pool puts in the template, by resource type. Extend as the construct grows. */
const EXPECTED_RESOURCES: Record<string, number> = {
  'AWS::Cognito::UserPool': 1,
  'AWS::Cognito::UserPoolClient': 1,
  'AWS::Lambda::Function': 1,
  'AWS::SecretsManager::Secret': 1,
  'AWS::WAFv2::WebACL': 1,
  'AWS::Logs::LogGroup': 1,
};

/** A user's CDK app in TypeScript, as README's Install section writes it. */
const USER_APP = `import { App, Stack } from 'aws-cdk-lib';
import { SmsOtpSignIn, type SmsOtpSignInProps } from 'cognito-sms-otp/cdk';

const app = new App({ outdir: 'cdk.out' });
const stack = new Stack(app, 'UserApp');
new SmsOtpSignIn(stack, 'SignIn', { provider: { kind: 'easyauth' } });
app.synth();

// The props are typed from the package's .d.ts: were they any, this expected error would be missing.
// @ts-expect-error no such provider
export const wrong: SmsOtpSignInProps = { provider: { kind: 'carrier-pigeon' } };
`;

const TSCONFIG = {
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, outDir: 'build', types: [] },
  files: ['app.ts'],
};

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

// `npm pack`, then a fresh CDK app outside the repository that installs the tarball with aws-cdk-lib and
// constructs from npm (its cache first), compiles a TypeScript app with tsc and synthesizes it with node.
describe('the package, installed in a new CDK app', () => {
  let work: string;
  let tarball: string;
  let appDir: string;
  let template: Template;

  beforeAll(async () => {
    // Prepare
    work = await mkdtemp(join(tmpdir(), 'cognito-sms-otp-package-'));
    appDir = join(work, 'app');
    await mkdir(appDir);
    await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: REPO, timeout: 180_000 });
    tarball = join(work, (await readdir(work)).find((name) => name.endsWith('.tgz')) ?? 'missing.tgz');
    await writeFile(join(appDir, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }));
    await writeFile(join(appDir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    await writeFile(join(appDir, 'app.ts'), USER_APP);
    const npmInstall = ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, 'aws-cdk-lib@^2.276.0', 'constructs@^10'];
    await run('npm', npmInstall, { cwd: appDir, timeout: 180_000 });

    // Act
    await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: appDir, timeout: 120_000 });
    await run(process.execPath, ['build/app.js'], { cwd: appDir, timeout: 120_000, env: { PATH: process.env.PATH ?? '', CDK_DISABLE_CLI_TELEMETRY: 'true' } });
    template = JSON.parse(await readFile(join(appDir, 'cdk.out', 'UserApp.template.json'), 'utf8')) as Template;
  }, 420_000);
  afterAll(() => (work === undefined ? undefined : rm(work, { recursive: true, force: true })));

  it('is a tarball under 1 MB with the construct, the handler bundle and no tests, playground or benchmark', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.split('\n').filter(Boolean);

    expect((await stat(tarball)).size).toBeLessThan(1_000_000);
    expect(files).toEqual(
      expect.arrayContaining(['package/dist/infra/cdk.js', 'package/dist/infra/cdk.d.ts', 'package/dist/lambda/index.mjs', 'package/LICENSE']),
    );
    expect(files.filter((file) => !/^package\/(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(file))).toEqual([]);
    expect(files.filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('synthesizes with neither esbuild nor our TypeScript sources in the app', () => {
    expect(existsSync(join(appDir, 'node_modules', 'esbuild'))).toBe(false);
    expect(existsSync(join(appDir, 'node_modules', 'cognito-sms-otp', 'src', 'handler.ts'))).toBe(false);
  });

  it('puts the resources of one sign-in in the template', () => {
    const counts: Record<string, number> = {};
    for (const resource of Object.values(template.Resources)) counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;

    expect(counts).toMatchObject(EXPECTED_RESOURCES);
  });

  it("attaches the function to the pool's five triggers", () => {
    const [functionId] = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::Lambda::Function') ?? [];
    const pool = Object.values(template.Resources).find((r) => r.Type === 'AWS::Cognito::UserPool');
    const lambdaConfig = pool?.Properties.LambdaConfig as Record<string, unknown>;

    expect(Object.keys(lambdaConfig).sort()).toEqual([...TRIGGERS].sort());
    for (const trigger of TRIGGERS) expect(lambdaConfig[trigger]).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
  });

  it('deploys the bundle shipped in the package, as is, on Node.js 22 ARM', async () => {
    const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
    const assetHash = String(fn?.Properties.Code && (fn.Properties.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '');
    const deployed = await readFile(join(appDir, 'cdk.out', `asset.${assetHash}`, 'index.mjs'));
    const shipped = await readFile(join(appDir, 'node_modules', 'cognito-sms-otp', 'dist', 'lambda', 'index.mjs'));

    expect(fn?.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    expect(deployed.equals(shipped)).toBe(true);
  });
});
