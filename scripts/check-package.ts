import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { settingsEnv } from '../src/settings/definitions';
import { RUNTIME_PROVIDED } from './bundle';
import { SPECIFIER } from './specifiers';

/**
 * `npm pack`'s check (prepack, after build-package): what the package ships can run where a user
 * installs it. Fails the pack, naming the problem.
 */
const DIST = resolve('dist');
const BUNDLE = join(DIST, 'lambda', 'index.mjs');
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies?: object;
  peerDependencies?: object;
  exports?: Record<string, string | Record<string, string>>;
};
const problems: string[] = [];

const files = [...filesUnder(DIST)].map((file) => relative(DIST, file));
for (const file of files) {
  const compiled = /\.(js|d\.ts)$/.test(file) || file === 'lambda/index.mjs';
  if (!compiled || /^(test|local|bench|scripts|docs)\//.test(file)) problems.push(`dist/${file}: only compiled code and the handler bundle ship`);
}

// Every entry point (./cdk, ./client, ./react) is built: a missing one fails at the user's import, not here.
for (const [entry, target] of Object.entries(manifest.exports ?? {})) {
  for (const path of typeof target === 'string' ? [target] : Object.values(target)) {
    if (!existsSync(resolve(path))) problems.push(`exports["${entry}"] names ${path}, which the build did not make`);
  }
}

// The construct runs in the user's app: every package it imports must be one the user installs with it. A
// dynamic import runs only when called; one may also name what Lambda's runtime provides (scripts/bundle.ts),
// as src/adapters/runtime/secrets.ts does for code the construct imports only a constant from.
const installed = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
const runtimeProvided = RUNTIME_PROVIDED.map((glob) => new RegExp(`^${glob.replace(/[.]/g, '\\.').replace('*', '[^/]+')}$`));
for (const file of files.filter((f) => f.endsWith('.js'))) {
  const source = readFileSync(join(DIST, file), 'utf8');
  for (const [, lead = '', , specifier = ''] of source.matchAll(SPECIFIER)) {
    if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
    if (installed.has(name) || (lead.startsWith('import(') && runtimeProvided.some((pattern) => pattern.test(name)))) continue;
    problems.push(`dist/${file} imports ${specifier}, which is neither a dependency nor a peer dependency`);
  }
}

// The handler bundle cold-starts and answers Cognito's first Define event, in a plain node process.
if (!existsSync(BUNDLE)) problems.push(`${BUNDLE} is missing`);
else {
  const event = {
    version: '1',
    region: 'us-east-1',
    userPoolId: 'us-east-1_Check',
    userName: 'check',
    callerContext: { awsSdkVersion: 'check', clientId: 'check' },
    triggerSource: 'DefineAuthChallenge_Authentication',
    request: { userAttributes: { phone_number: '+821012345678' }, session: [] },
    response: {},
  };
  const script = `const { handler } = await import(${JSON.stringify(BUNDLE)});
const out = await handler(${JSON.stringify(event)}, { awsRequestId: 'check', getRemainingTimeInMillis: () => 5000 });
process.stdout.write(JSON.stringify(out.response));`;
  try {
    const env = { PATH: process.env.PATH ?? '', ...settingsEnv({ provider: 'fake', hmacSecret: 'c'.repeat(32), ledgerTable: 'check', logLevel: 'silent' }) };
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, timeout: 20_000, encoding: 'utf8' });
    const response = JSON.parse(out) as { challengeName?: string; issueTokens?: boolean };
    if (response.challengeName !== 'CUSTOM_CHALLENGE' || response.issueTokens !== false) problems.push(`the bundle answered Define with ${out}`);
  } catch (error) {
    problems.push(`the bundle failed a Define event: ${(error as { stderr?: string }).stderr || String(error)}`);
  }
}

if (problems.length > 0) {
  console.error(`The package is not fit to ship:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`package check: ${files.length} files in dist, the bundle answers Define`);

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}
