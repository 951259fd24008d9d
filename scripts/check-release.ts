import { readFileSync } from 'node:fs';

/**
 * The release workflow's gate (.github/workflows/release.yml), before anything is built or published: the tag names
 * the version in package.json, and CHANGELOG.md dates that version's entry. Fails naming what to fix.
 * Usage: tsx scripts/check-release.ts v0.1.0 (in the repository's root).
 */
const tag = process.argv[2] ?? '';
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
const changelog = readFileSync('CHANGELOG.md', 'utf8');
const heading = changelog.split('\n').find((line) => line.startsWith(`## ${version} `) || line === `## ${version}`);

const problems = [
  tag === `v${version}` ? undefined : `the tag is "${tag}", but package.json's version is ${version}: tag v${version}, or set the version first`,
  heading === undefined ? `CHANGELOG.md has no "## ${version}" entry` : undefined,
  heading?.includes('unreleased') ? `CHANGELOG.md's entry is "${heading}": date it (## ${version} (YYYY-MM-DD)) in the release commit` : undefined,
].filter((problem) => problem !== undefined);

if (problems.length > 0) {
  console.error(`Not releasing ${name}:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`release check: ${name}@${version} matches tag ${tag} and its CHANGELOG entry`);
