import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/** libphonenumber-js's metadata modules (`metadata.max.json.js` and its kin): `export default {…}`, 157 KB for `max`. */
const METADATA_MODULE = /[\\/]libphonenumber-js[\\/]metadata\.(min|max|mobile)\.json\.js$/;

/**
 * The phone metadata in the bundle as a JSON text that is parsed once, not as a JavaScript object literal: V8 parses and
 * evaluates a 157 KB literal slower than it scans one string and `JSON.parse`s it. The same metadata, whole (every country,
 * every number type: OTP_ALLOWED_COUNTRIES is read at run time), from the `.json` file the package ships beside the module.
 * Measured on the cold path (`empty + libphonenumber-js/max`, 40 alternating runs): import 1.2–1.5 ms and CPU about 1 ms
 * less; the bundle about 1 KB larger. `String.raw` keeps the regular expressions' backslashes single (a quoted
 * string would double them: 12 KB more); the text is checked to hold no backtick or `${`, which would end or break it.
 */
export const phoneMetadataAsJson: Plugin = {
  name: 'phone-metadata-as-json',
  setup(build) {
    build.onLoad({ filter: METADATA_MODULE }, async ({ path }) => {
      const json = JSON.stringify(JSON.parse(await readFile(path.replace(/\.js$/, ''), 'utf8')));
      if (json.includes('`') || json.includes('${')) throw new Error(`${path}: the metadata holds a backtick or \${, which a String.raw template cannot carry`);
      return { contents: `export default JSON.parse(String.raw\`${json}\`);`, loader: 'js' };
    });
  },
};
