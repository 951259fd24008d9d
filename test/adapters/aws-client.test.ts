import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsError, errorCode } from '../../src/adapters/aws/aws-error';
import { callJson, JSON_PROTOCOLS, tryJson } from '../../src/adapters/aws/json-protocol';
import { AWS_SERVICES, awsTarget } from '../../src/adapters/aws/services';
import { LocalServer, readBody } from '../support/local-server';

describe('awsTarget', () => {
  it('takes the service variable, then AWS_ENDPOINT_URL, then the public endpoint', () => {
    // Prepare
    const env = { AWS_REGION: 'ap-northeast-2', AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:2' };

    // Act / Assess
    expect(awsTarget(AWS_SERVICES.dynamodb, {}, env).endpoint).toBe('http://127.0.0.1:2');
    expect(awsTarget(AWS_SERVICES.sns, {}, env).endpoint).toBe('http://127.0.0.1:1');
    expect(awsTarget(AWS_SERVICES.cognito, {}, { AWS_REGION: 'eu-west-1' }).endpoint).toBe('https://cognito-idp.eu-west-1.amazonaws.com');
    expect(awsTarget(AWS_SERVICES.secretsManager, {}, { AWS_REGION: 'cn-north-1' }).endpoint).toBe('https://secretsmanager.cn-north-1.amazonaws.com.cn');
    expect(awsTarget(AWS_SERVICES.sns, { region: 'us-east-1', endpoint: 'http://x' }, env)).toMatchObject({ region: 'us-east-1', endpoint: 'http://x' });
  });

  it('reads the keys Lambda sets, the session token included', () => {
    // Act
    const target = awsTarget(AWS_SERVICES.dynamodb, {}, { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 'tok' });

    // Assess
    expect(target.credentials()).toEqual({ accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: 'tok' });
    expect(awsTarget(AWS_SERVICES.dynamodb, {}, {}).credentials()).toBeUndefined();
  });
});

describe('errorCode', () => {
  it.each([
    ['com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', 'ConditionalCheckFailedException'],
    ['UserNotFoundException:http://internal.amazon.com/coral/', 'UserNotFoundException'],
    ['+821012345678 is bad', 'UnknownError'],
    [undefined, 'UnknownError'],
  ])('reads %s as %s', (raw, code) => {
    expect(errorCode(raw)).toBe(code);
  });
});

class JsonServer extends LocalServer {
  readonly seen: { target: string | undefined; contentType: string | undefined; authorization: string | undefined; token: string | undefined }[] = [];
  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = JSON.parse(await readBody(req)) as { fail?: boolean };
    this.seen.push({
      target: req.headers['x-amz-target'] as string,
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
      token: req.headers['x-amz-security-token'] as string | undefined,
    });
    if (body.fail) {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'for +821012345678', Item: { pk: { S: 'x' } } }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"ok":true}');
  }
}

describe('the JSON protocol', () => {
  const server = new JsonServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const target = () =>
    awsTarget(
      AWS_SERVICES.dynamodb,
      { region: 'ap-northeast-2', endpoint: server.origin },
      { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 'tok' },
    );

  it('signs with SigV4 for the service and region, the session token included', async () => {
    // Act
    const output = await callJson(target(), JSON_PROTOCOLS.dynamodb, 'GetItem', {}, AbortSignal.timeout(2000));

    // Assess
    expect(output).toEqual({ ok: true });
    expect(server.seen.at(-1)).toEqual({
      target: 'DynamoDB_20120810.GetItem',
      contentType: 'application/x-amz-json-1.0',
      authorization: expect.stringMatching(
        /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/ap-northeast-2\/dynamodb\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-security-token[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
      ),
      token: 'tok',
    });
  });

  it('turns an error answer into its code and the body’s other fields, dropping the message', async () => {
    // Act
    const answer = await tryJson(target(), JSON_PROTOCOLS.dynamodb, 'UpdateItem', { fail: true }, AbortSignal.timeout(2000));
    const thrown = await callJson(target(), JSON_PROTOCOLS.dynamodb, 'UpdateItem', { fail: true }, AbortSignal.timeout(2000)).catch((e: unknown) => e);

    // Assess
    expect(answer).toMatchObject({
      ok: false,
      error: { kind: 'rejected', code: 'ConditionalCheckFailedException', status: 400 },
      details: { Item: { pk: { S: 'x' } } },
    });
    expect(thrown).toBeInstanceOf(AwsError);
    expect(String(thrown)).toBe('AwsError: UpdateItem failed: ConditionalCheckFailedException (HTTP 400)');
    expect(JSON.stringify(answer)).not.toContain('+8210');
  });

  it('refuses to call without keys', async () => {
    // Act
    const error = await callJson(
      awsTarget(AWS_SERVICES.dynamodb, { endpoint: server.origin }, {}),
      JSON_PROTOCOLS.dynamodb,
      'GetItem',
      {},
      AbortSignal.timeout(2000),
    ).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'no-credentials' });
  });
});
