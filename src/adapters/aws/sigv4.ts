import { createHash, createHmac } from 'node:crypto';
import type { AwsCredentials } from './services';

/**
 * AWS Signature Version 4 for one request with its body in hand, with node:crypto's synchronous HMAC and
 * SHA-256: no WebCrypto, no `Headers` or `Request` (which load undici), nothing to await. Signs every header
 * given plus `host`, `x-amz-date` and, with temporary credentials, `x-amz-security-token`.
 * Checked against aws4fetch's signer and AWS's published example in test/adapters/sigv4.test.ts.
 */
export interface SigningInput {
  readonly method: string;
  readonly url: URL;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly credentials: AwsCredentials;
  readonly service: string;
  readonly region: string;
  /** When it is signed; the signature is good for 5 minutes around it. */
  readonly date: Date;
}

/** Signing keys per secret, day, region and service: derived once per day, as the SDK does. */
const signingKeys = new Map<string, Buffer>();

const sha256 = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding, as SigV4 wants it: everything but unreserved characters. */
const encode = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalPath(url: URL): string {
  // Each segment decoded then encoded twice over, as every service but S3 expects (the path is already encoded once in the URL).
  const path = url.pathname || '/';
  return path
    .split('/')
    .map((segment) => encode(encode(decodeURIComponent(segment))))
    .join('/');
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function signingKey(credentials: AwsCredentials, day: string, region: string, service: string): Buffer {
  const id = `${credentials.secretAccessKey}\n${day}\n${region}\n${service}`;
  let key = signingKeys.get(id);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), service), 'aws4_request');
    if (signingKeys.size > 16) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

/** The headers to send: the given ones, `host`, `x-amz-date`, the session token if any, and `authorization`. */
export function signRequest(input: SigningInput): Record<string, string> {
  const amzDate = input.date.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...input.headers, host: input.url.host, 'x-amz-date': amzDate };
  if (input.credentials.sessionToken) headers['x-amz-security-token'] = input.credentials.sessionToken;
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${String(lower[name]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [input.method, canonicalPath(input.url), canonicalQuery(input.url), canonicalHeaders, signedHeaders, sha256(input.body)].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const signature = createHmac('sha256', signingKey(input.credentials, day, input.region, input.service))
    .update(toSign, 'utf8')
    .digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
