import { ConfigError } from './config-error';
import type { Reader } from './setting';

/* The readers a setting's text goes through: each names what it accepts, and a bad value fails with the variable named. */

const shown = (value: string | undefined) => (value === undefined ? 'is not set' : `is "${value}"`);

/** A whole number from `min` to `max`, or `fallback` when unset. */
export function wholeNumber(min: number, max: number, fallback: number): Reader<number, number> {
  return {
    accepts: `a whole number from ${min} to ${max}`,
    fallback,
    input: 'whole',
    parse(value, name) {
      if (value === undefined) return fallback;
      const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (parsed >= min && parsed <= max) return parsed;
      throw new ConfigError(name, `is "${value}": it accepts a whole number from ${min} to ${max} (default ${fallback})`);
    },
  };
}

/** One of `allowed`; without a fallback, required. */
export function oneOf<const T extends string>(allowed: readonly T[], fallback?: T): Reader<T, T> {
  return {
    accepts: allowed.join(', '),
    fallback,
    input: 'text',
    required: fallback === undefined,
    parse(value, name) {
      const chosen = value ?? fallback;
      if (chosen !== undefined && (allowed as readonly string[]).includes(chosen)) return chosen as T;
      throw new ConfigError(name, `${shown(chosen)}: it accepts ${allowed.join(', ')}`);
    },
  };
}

/** Text matching `pattern`, or unset. */
export function matching(pattern: RegExp, accepts: string): Reader<string | undefined> {
  return {
    accepts,
    input: 'text',
    parse(value, name) {
      if (value === undefined || pattern.test(value)) return value;
      throw new ConfigError(name, `is "${value}": it accepts ${accepts}`);
    },
  };
}

/** Text matching `pattern`, required: `missing` completes "is not set: it …"; `normalize` runs first (e.g. drops hyphens). */
export function requiredMatching(pattern: RegExp, accepts: string, missing = `must hold ${accepts}`, normalize = (value: string) => value): Reader<string> {
  return {
    accepts,
    input: 'text',
    required: true,
    parse(value, name) {
      if (value === undefined) throw new ConfigError(name, `is not set: it ${missing}`);
      const normalized = normalize(value);
      if (pattern.test(normalized)) return normalized;
      throw new ConfigError(name, `is "${value}": it accepts ${accepts}`);
    },
  };
}

/** A phone number as digits, hyphens dropped (02-1234-5678 → 0212345678), `min` to `max` digits, required. */
export function phoneDigits(min: number, max: number, missing: string): Reader<string> {
  const accepts = `${min} to ${max} digits (hyphens allowed), e.g. 02-1234-5678`;
  return requiredMatching(new RegExp(`^\\d{${min},${max}}$`), accepts, missing, (value) => value.replaceAll('-', ''));
}

/** Any text, or unset. */
/** One of `allowed`, or unset. */
export function optionalOneOf<const T extends string>(allowed: readonly T[]): Reader<T | undefined, T> {
  return {
    accepts: allowed.join(', '),
    input: 'text',
    parse(value, name) {
      if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
      throw new ConfigError(name, `${shown(value)}: it accepts ${allowed.join(', ')}`);
    },
  };
}

export function optionalText(accepts: string): Reader<string | undefined> {
  return { accepts, input: 'text', parse: (value) => value };
}

/** Any text, required: `missing` completes "is not set: it …". */
export function requiredText(accepts: string, missing = `must hold ${accepts}`): Reader<string> {
  return requiredMatching(/^[\s\S]*$/, accepts, missing);
}

/** Text that must contain `part`, or `fallback` when unset. */
export function containing(part: string, fallback: string): Reader<string> {
  return {
    accepts: `text containing ${part}`,
    fallback,
    input: 'text',
    parse(value, name) {
      const text = value ?? fallback;
      if (!text.includes(part)) throw new ConfigError(name, `is "${text}": it must contain ${part}`);
      return text;
    },
  };
}

/** A secret of at least `minBytes` bytes (UTF-8), required. */
export function secretBytes(minBytes: number): Reader<Uint8Array> {
  return {
    accepts: `a random secret of at least ${minBytes} bytes`,
    input: 'text',
    required: true,
    parse(value, name) {
      if (value === undefined) throw new ConfigError(name, `is not set: it must hold a random secret of at least ${minBytes} bytes`);
      const bytes = new TextEncoder().encode(value);
      if (bytes.length < minBytes) {
        throw new ConfigError(name, `is ${bytes.length} bytes long: it needs at least ${minBytes} (try \`openssl rand -base64 48\`)`);
      }
      return bytes;
    },
  };
}

/** An https:// URL without trailing slashes; plain http only to this machine. */
export function httpsUrl(fallback: string): Reader<string> {
  return {
    accepts: 'an https:// URL (http:// only for localhost)',
    fallback,
    input: 'text',
    parse(value, name) {
      const text = value ?? fallback;
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw new ConfigError(name, `is "${text}": it accepts an https:// URL`);
      }
      // Plain http would send the API key in clear; it is allowed only to this machine, for local runs.
      const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
      if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return text.replace(/\/+$/, '');
      throw new ConfigError(name, `is "${text}": it accepts an https:// URL (http:// only for localhost)`);
    },
  };
}

/** Exactly `true`, or unset (false). */
export function flag(): Reader<boolean> {
  return { accepts: '`true`', input: 'text', parse: (value) => value === 'true' };
}

/**
 * A comma-separated list of country codes (ISO 3166-1 alpha-2), each one of `known`; `fallback` when unset. The
 * construct takes an array (`['KR', 'JP']`), the CDK context an array or the comma-separated text.
 */
export function countryList(known: readonly string[], fallback: string): Reader<readonly string[], readonly string[]> {
  return {
    accepts: 'ISO 3166-1 alpha-2 country codes, comma-separated (e.g. `KR,JP`)',
    fallback,
    input: 'list',
    parse(value, name) {
      const codes = (value ?? fallback).split(',').map((code) => code.trim().toUpperCase());
      const unknown = codes.filter((code) => !known.includes(code));
      if (codes.length === 0 || unknown.length > 0) {
        const listed = unknown.map((code) => `"${code}"`).join(', ');
        throw new ConfigError(name, `is "${value}": ${listed} is not an ISO 3166-1 alpha-2 code the phone metadata knows (e.g. KR, JP, US)`);
      }
      return [...new Set(codes)];
    },
  };
}

/** Text matching `pattern`, or `fallback` when unset. */
export function matchingOr(pattern: RegExp, accepts: string, fallback: string): Reader<string> {
  return {
    accepts,
    fallback,
    input: 'text',
    parse(value, name) {
      const text = value ?? fallback;
      if (pattern.test(text)) return text;
      throw new ConfigError(name, `is "${text}": it accepts ${accepts}`);
    },
  };
}

/** A comma-separated list of some of `allowed`, at least one; `fallback` when unset. */
export function choiceList<const T extends string>(allowed: readonly T[], fallback: readonly T[], accepts: string): Reader<readonly T[]> {
  return {
    accepts,
    fallback: fallback.join(','),
    input: 'text',
    parse(value, name) {
      if (value === undefined) return fallback;
      const chosen = value.split(',').map((choice) => choice.trim());
      const unknown = chosen.filter((choice) => !(allowed as readonly string[]).includes(choice));
      if (unknown.length > 0) {
        throw new ConfigError(name, `is "${value}": ${unknown.map((choice) => `"${choice}"`).join(', ')} is not one of ${allowed.join(', ')}`);
      }
      return [...new Set(chosen as T[])];
    },
  };
}
