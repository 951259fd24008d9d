import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAKE_MODES, type FakeSwitch, isFakeMode } from './fake-switch';
import { FAKE_SWITCH_PATH } from './fake-switch-path';
import { CognitoError } from './pool/cognito-error';
import { isIamOperation, type LocalUserPool } from './pool/user-pool';

export interface Asset {
  readonly type: string;
  readonly body: string | Uint8Array;
}

export interface Routes {
  readonly pool: LocalUserPool;
  /** `GET /config.json`: what an app needs to point Amplify or the SDK here. */
  readonly config: object;
  /** Static files by path, e.g. the demo page. */
  readonly assets: ReadonlyMap<string, Asset>;
  /** Which web pages may call: any (`*`), or only these origins. */
  readonly corsOrigins: '*' | ReadonlySet<string>;
  /** With the fake provider: `GET`/`POST /playground/fake-provider`, the demo page's failure switch. */
  readonly fakeSwitch?: FakeSwitch | undefined;
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_TYPE = 'application/x-amz-json-1.1';
const MAX_BODY_BYTES = 1 << 20;

// What browsers need to call the pool from another page, with the headers Amplify and the SDK send.
const CORS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'amz-sdk-invocation-id, amz-sdk-request, authorization, cache-control, content-type, x-amz-content-sha256, x-amz-date, x-amz-security-token, x-amz-target, x-amz-user-agent',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date',
  'access-control-max-age': '600',
};

/** Serves the Cognito JSON protocol at `POST /`, the JWKS, the config and the demo page. */
export function requestListener(routes: Routes) {
  const jwksPath = `/${routes.pool.settings.userPoolId}/.well-known/jwks.json`;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const origin = req.headers.origin;
    const allowOrigin = routes.corsOrigins === '*' ? '*' : origin && routes.corsOrigins.has(origin) ? origin : undefined;
    // A page from another origin is refused outright, preflight or not: browsers would hide the answer, but the call would still run.
    if (origin !== undefined && !allowOrigin) {
      return send(res, 403, { 'content-type': 'text/plain' }, `origin ${origin} may not call this playground; list it in PLAYGROUND_CORS_ORIGINS\n`);
    }
    if (allowOrigin) {
      const cors = { ...CORS, 'access-control-allow-origin': allowOrigin, ...(allowOrigin !== '*' && { vary: 'origin' }) };
      for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    }
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (req.method === 'OPTIONS') return send(res, 204, {}, '');
    if (req.method === 'POST' && path === '/') return cognitoCall(routes.pool, req, res);
    if (path === FAKE_SWITCH_PATH && routes.fakeSwitch) return fakeSwitchCall(routes.fakeSwitch, req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { 'content-type': 'text/plain' }, 'method not allowed\n');
    if (path === jwksPath) return sendJson(res, 200, routes.pool.tokens.jwks, 'application/json');
    if (path === '/config.json') return sendJson(res, 200, routes.config, 'application/json');
    const asset = routes.assets.get(path);
    if (asset) return send(res, 200, { 'content-type': asset.type, 'cache-control': 'no-store' }, asset.body);
    return send(res, 404, { 'content-type': 'text/plain' }, 'not found\n');
  };
}

async function fakeSwitchCall(fakeSwitch: FakeSwitch, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'POST') {
    const mode = (await readJson(req).catch(() => ({}) as Record<string, unknown>)).mode;
    if (!isFakeMode(mode)) return send(res, 400, { 'content-type': 'text/plain' }, `mode is ${JSON.stringify(mode)}: it accepts ${FAKE_MODES.join(', ')}\n`);
    await fakeSwitch.set(mode);
  } else if (req.method !== 'GET') {
    return send(res, 405, { 'content-type': 'text/plain' }, 'method not allowed\n');
  }
  return sendJson(res, 200, { mode: await fakeSwitch.mode(), modes: FAKE_MODES }, 'application/json');
}

async function cognitoCall(pool: LocalUserPool, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  try {
    const target = req.headers['x-amz-target'];
    if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
      throw new CognitoError('UnknownOperationException', `X-Amz-Target must be ${TARGET_PREFIX}<Operation>`);
    }
    const operation = target.slice(TARGET_PREFIX.length);
    // Admin* operations (and DescribeUserPoolClient) act with the caller's AWS credentials, which no web page holds; this pool checks no signature,
    // so any page could otherwise read users and their numbers. Browsers always send Origin on a cross-origin POST
    // (and on same-origin ones too), servers and the SDK in Node never do: refuse every provider, every origin.
    if (isIamOperation(operation) && req.headers.origin !== undefined) {
      throw new CognitoError('AccessDeniedException', `${operation} may not be called from a web page (the request carries an Origin header).`, 403);
    }
    const body = await readJson(req);
    const signed = /^AWS4-HMAC-SHA256 /.test(req.headers.authorization ?? '');
    const result = await pool.call(operation, body, { signed });
    sendJson(res, 200, result, JSON_TYPE, { 'x-amzn-requestid': requestId });
  } catch (error) {
    const known = error instanceof CognitoError ? error : new CognitoError('InternalErrorException', 'Internal error in the local user pool.', 500);
    if (!(error instanceof CognitoError)) console.error('local user pool: internal error', error);
    sendJson(res, known.status, { __type: known.type, message: known.message }, JSON_TYPE, {
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': known.type,
    });
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new CognitoError('SerializationException', 'Request body is larger than 1 MB.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw new CognitoError('SerializationException', 'Request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new CognitoError('SerializationException', 'Request body must be a JSON object.');
  return body as Record<string, unknown>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, type: string, headers: Record<string, string> = {}): void {
  send(res, status, { ...headers, 'content-type': type }, JSON.stringify(body));
}

/** Sends with `headers` and any CORS headers already set on `res`. */
function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Uint8Array): void {
  res.writeHead(status, headers).end(body);
}
