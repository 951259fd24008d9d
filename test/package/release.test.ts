import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseWorkflow, workflowRuns } from '../support/release-workflow';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CHECK = join(REPO, 'scripts', 'check-release.ts');
const TSX = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Runs the release check in `dir` for `tag`: its exit status and what it said. */
async function checkRelease(dir: string, tag: string): Promise<{ ok: boolean; said: string }> {
  try {
    const { stdout } = await run(process.execPath, [TSX, CHECK, tag], { cwd: dir, timeout: 60_000 });
    return { ok: true, said: stdout };
  } catch (error) {
    return { ok: false, said: String((error as { stderr?: string }).stderr) };
  }
}

describe('the release workflow', () => {
  it('publishes on a version tag, with provenance (id-token: write) and public access, after the tests', async () => {
    // Act
    const workflow = await releaseWorkflow();

    // Assess
    expect(workflow).toMatch(/^on:\n {2}push:\n {4}tags: \['v\*'\]$/m);
    expect(workflow).toMatch(/^ {6}id-token: write$/m);
    expect(workflow).toMatch(/NODE_AUTH_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}/);
    expect(workflowRuns(workflow)).toEqual([
      'npm ci',
      'npx tsx scripts/check-release.ts "$GITHUB_REF_NAME"',
      'npm test',
      'npm pack',
      'npm publish "cognito-sms-otp-${GITHUB_REF_NAME#v}.tgz" --provenance --access public',
    ]);
  });

  it("has a CHANGELOG entry for package.json's version", async () => {
    // Act
    const { version } = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const changelog = await readFile(join(REPO, 'CHANGELOG.md'), 'utf8');

    // Assess
    expect(changelog).toMatch(new RegExp(`^## ${version.replaceAll('.', '\\.')}( |$)`, 'm'));
  });
});

describe('the release check', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cognito-sms-otp-release-'));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'cognito-sms-otp', version: '0.2.0' }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('passes a tag that names the version whose CHANGELOG entry is dated', async () => {
    // Prepare
    await writeFile(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## 0.2.0 (2026-12-02)\n\n- Released.\n');

    // Act
    const result = await checkRelease(dir, 'v0.2.0');

    // Assess
    expect(result).toEqual({ ok: true, said: 'release check: cognito-sms-otp@0.2.0 matches tag v0.2.0 and its CHANGELOG entry\n' });
  });

  it.each([
    ['v0.2.1', '## 0.2.0 (2026-12-02)', `the tag is "v0.2.1", but package.json's version is 0.2.0`],
    ['v0.2.0', '## 0.2.0 (unreleased)', `CHANGELOG.md's entry is "## 0.2.0 (unreleased)": date it`],
    ['v0.2.0', '## 0.1.0 (2026-11-01)', 'CHANGELOG.md has no "## 0.2.0" entry'],
  ])('refuses tag %s with "%s", saying why', async (tag, heading, reason) => {
    // Prepare
    await writeFile(join(dir, 'CHANGELOG.md'), `# Changelog\n\n${heading}\n\n- Something.\n`);

    // Act
    const result = await checkRelease(dir, tag);

    // Assess
    expect(result.ok).toBe(false);
    expect(result.said).toContain(`Not releasing cognito-sms-otp:\n- ${reason}`);
  });
});
