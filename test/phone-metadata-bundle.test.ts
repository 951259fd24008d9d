import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScratchDir, lambdaBundleOptions } from '../scripts/bundle';
import { LibPhoneNumberInspector } from '../src/adapters/phone/libphonenumber-inspector';
import type { PhoneNumber } from '../src/domain/phone';

const INSPECTOR = new URL('../src/adapters/phone/libphonenumber-inspector.ts', import.meta.url).pathname;
// One of each kind the fraud guard tells apart, from several countries, and numbers that are invalid or in no country.
const NUMBERS = [
  ...['+821012345678', '+8201012345678', '+82212345678', '+827012345678', '+825051234567', '+8215881234', '+82801234567'],
  ...['+19005551234', '+18005551234', '+33810123456', '+447640123456', '+447911123456', '+819012345678', '+4915112345678'],
  ...['+881612345678', '+979123456789', '+252123', '+112345678901234', '+8210123'],
];

// The bundle carries libphonenumber-js's metadata as a JSON text (scripts/phone-metadata.ts): it must be the same metadata.
describe('the phone metadata in the bundle', () => {
  let dir: string;
  let bundled: { metadata: unknown; inspector: LibPhoneNumberInspector };

  beforeAll(async () => {
    // Prepare: the inspector and the metadata module, bundled as the Lambda is.
    dir = await bundleScratchDir('phone-metadata-');
    const entry = join(dir, 'entry.ts');
    await writeFile(
      entry,
      `export { default as metadata } from 'libphonenumber-js/metadata.max.json';\nimport { LibPhoneNumberInspector } from ${JSON.stringify(INSPECTOR)};\nexport const inspector = new LibPhoneNumberInspector();\n`,
    );
    const outfile = join(dir, 'entry.mjs');
    await build(lambdaBundleOptions(entry, outfile));
    bundled = (await import(pathToFileURL(outfile).href)) as typeof bundled;
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is parsed from a JSON text, not written out as an object literal', async () => {
    const source = await readFile(join(dir, 'entry.mjs'), 'utf8');

    // Booleans, not toContain: a failure would print the whole bundle.
    expect(source.includes('JSON.parse(String.raw`{"version":')).toBe(true);
    expect(source.includes('{version:4,country_calling_codes:')).toBe(false);
  });

  it('is the package metadata, whole: every country and every number type', () => {
    const shipped: unknown = createRequire(import.meta.url)('libphonenumber-js/metadata.max.json');

    expect(bundled.metadata).toEqual(shipped);
  });

  it('reads every number as the inspector run from the sources does', () => {
    const source = new LibPhoneNumberInspector();

    for (const phone of NUMBERS) expect(bundled.inspector.inspect(phone as PhoneNumber), phone).toEqual(source.inspect(phone as PhoneNumber));
  });
});
