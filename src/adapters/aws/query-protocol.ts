import { AwsError, awsErrorName } from './aws-error';
import { signedPost } from './signed-exchange';
import type { AwsTarget } from './services';

/**
 * Calls one operation of an AWS Query-protocol service (form-encoded POST, XML answer), e.g. SNS Publish.
 * Returns the answer's XML text; an error answer throws an `AwsError` with the `<Code>` of its `<Error>`.
 */
export async function callQuery(
  target: AwsTarget,
  version: string,
  operation: string,
  parameters: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<string> {
  const form = new URLSearchParams({ Action: operation, Version: version, ...parameters });
  const response = await signedPost(target, {
    operation,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: form.toString(),
    signal,
  });
  if (response.status >= 200 && response.status < 300) {
    if (!response.text.includes(`<${operation}Response`)) throw new AwsError('malformed', operation, undefined, response.status);
    return response.text;
  }
  const code = /<Code>([^<]*)<\/Code>/.exec(response.text)?.[1];
  throw new AwsError('rejected', operation, awsErrorName(code), response.status);
}
