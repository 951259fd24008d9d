import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsError, awsErrorName } from '../../src/adapters/aws/aws-error';
import { callJson, JSON_PROTOCOLS, tryJson } from '../../src/adapters/aws/json-protocol';
import { awsTarget } from '../../src/adapters/aws/services';
import { readAwsSettings } from '../../src/adapters/runtime/config';
import { LocalServer, readBody } from '../support/local-server';

describe('awsTarget and readAwsSettings', () => {
  it("takes the service's endpoint variable, then AWS_ENDPOINT_URL, then the public endpoint", () => {
    // Prepare
    const env = { AWS_REGION: 'ap-northeast-2', AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:2' };

    // Act / Assess
    expect(awsTarget('dynamodb', readAwsSettings(env)).endpoint).toBe('http://127.0.0.1:2');
    expect(awsTarget('sns', readAwsSettings(env)).endpoint).toBe('http://127.0.0.1:1');
    expect(awsTarget('cognito', readAwsSettings({ AWS_REGION: 'eu-west-1' })).endpoint).toBe('https://cognito-idp.eu-west-1.amazonaws.com');
    expect(awsTarget('secretsManager', readAwsSettings({ AWS_REGION: 'cn-north-1' })).endpoint).toBe('https://secretsmanager.cn-north-1.amazonaws.com.cn');
    expect(awsTarget('cognito', readAwsSettings({ AWS_REGION: 'eu-west-1' }), 'us-east-1')).toMatchObject({
      region: 'us-east-1',
      endpoint: 'https://cognito-idp.us-east-1.amazonaws.com',
    });
  });

  it('reads the keys Lambda sets, the session token included, from the environment it is given', () => {
    // Act
    const settings = readAwsSettings({ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 'tok' });

    // Assess
    expect(awsTarget('dynamodb', settings).credentials).toEqual({ accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: 'tok' });
    expect(readAwsSettings({ AWS_ACCESS_KEY_ID: 'AKID' }).credentials).toBeUndefined();
    expect(readAwsSettings({}).credentials).toBeUndefined();
  });
});

describe('awsErrorName', () => {
  it.each([
    ['com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', 'ConditionalCheckFailedException'],
    ['UserNotFoundException:http://internal.amazon.com/coral/', 'UserNotFoundException'],
    ['+821012345678 is bad', 'UnknownError'],
    [undefined, 'UnknownError'],
  ])('reads %s as %s', (raw, code) => {
    expect(awsErrorName(raw)).toBe(code);
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
    awsTarget('dynamodb', {
      region: 'ap-northeast-2',
      endpoints: { dynamodb: server.origin },
      credentials: { accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: 'tok' },
    });

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
      awsTarget('dynamodb', { region: 'ap-northeast-2', endpoints: { dynamodb: server.origin }, credentials: undefined }),
      JSON_PROTOCOLS.dynamodb,
      'GetItem',
      {},
      AbortSignal.timeout(2000),
    ).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'no-credentials' });
  });
});
