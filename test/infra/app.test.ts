import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '../../scripts/bundle';

const run = promisify(execFile);

/** `npm run synth` as a user runs it: the CDK CLI, cdk.json's app, local esbuild, no account, no network. */
async function synth() {
  const outdir = await mkdtemp(join(tmpdir(), 'cdk-out-'));
  const args = ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir];
  const result = await run('npx', args, { env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true' }, timeout: 90_000 }).then(
    ({ stderr }) => ({ ok: true, stderr }),
    (error: { stderr: string }) => ({ ok: false, stderr: error.stderr }),
  );
  return { ...result, outdir };
}

describe('npm run synth', () => {
  it('synthesises the example app offline, bundled as the tests bundle it, with no findings', async () => {
    // Act
    const { ok, stderr, outdir } = await synth();

    // Assess
    expect(stderr).not.toMatch(/AwsSolutions-|Error/);
    expect(ok).toBe(true);
    const template = JSON.parse(await readFile(join(outdir, 'CognitoSmsOtp.template.json'), 'utf8'));
    expect(Object.keys(template.Resources).filter((id) => template.Resources[id].Type === 'AWS::Lambda::Function')).toHaveLength(1);
    const asset = (await readdir(outdir)).find((name) => name.startsWith('asset.'));
    const bundle = await readFile(join(outdir, String(asset), 'index.mjs'), 'utf8');
    expect(bundle.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(bundle.length).toBeLessThan(2_000_000);
    expect(JSON.parse(await readFile(join(outdir, 'validation-report.json'), 'utf8')).pluginReports).toEqual([]);
    const nag = await readFile(join(outdir, 'AwsSolutions--CognitoSmsOtp-NagReport.csv'), 'utf8');
    expect(nag).not.toContain('Non-Compliant');
  }, 120_000);
});
