import { AwsError, awsErrorName } from './aws-error';
import { signedPost } from './signed-exchange';
import type { AwsTarget } from './services';

/** How one JSON-protocol service names its operations: `X-Amz-Target: <prefix>.<Operation>`. */
export interface JsonProtocol {
  readonly version: '1.0' | '1.1';
  readonly targetPrefix: string;
}

export const JSON_PROTOCOLS = {
  dynamodb: { version: '1.0', targetPrefix: 'DynamoDB_20120810' },
  secretsManager: { version: '1.1', targetPrefix: 'secretsmanager' },
  cognito: { version: '1.1', targetPrefix: 'AWSCognitoIdentityProviderService' },
} as const satisfies Record<string, JsonProtocol>;

/** What a JSON-protocol call answered: its output, or the error's code and the error body's other fields (never its message). */
export type JsonAnswer =
  { readonly ok: true; readonly output: Record<string, unknown> } | { readonly ok: false; readonly error: AwsError; readonly details: Record<string, unknown> };

/** Calls one operation of an AWS JSON 1.0/1.1 service; an error answer is returned, not thrown, with its code. */
export async function tryJson(target: AwsTarget, protocol: JsonProtocol, operation: string, input: object, signal: AbortSignal): Promise<JsonAnswer> {
  const response = await signedPost(target, {
    operation,
    headers: { 'content-type': `application/x-amz-json-${protocol.version}`, 'x-amz-target': `${protocol.targetPrefix}.${operation}` },
    body: JSON.stringify(input),
    signal,
  });
  let body: unknown;
  try {
    body = response.text.trim() === '' ? {} : JSON.parse(response.text);
  } catch {
    body = undefined;
  }
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (response.status >= 200 && response.status < 300) {
    if (!object) throw new AwsError('malformed', operation, undefined, response.status);
    return { ok: true, output: object };
  }
  const rawType = typeof object?.__type === 'string' ? object.__type : (response.headers.get('x-amzn-errortype') ?? undefined);
  const details = Object.fromEntries(Object.entries(object ?? {}).filter(([key]) => !['__type', 'message', 'Message'].includes(key)));
  return { ok: false, error: new AwsError('rejected', operation, awsErrorName(rawType), response.status), details };
}

/** Like `tryJson`, but an error answer throws its `AwsError`. */
export async function callJson(
  target: AwsTarget,
  protocol: JsonProtocol,
  operation: string,
  input: object,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const answer = await tryJson(target, protocol, operation, input, signal);
  if (!answer.ok) throw answer.error;
  return answer.output;
}
