import { describe, expect, it } from 'vitest';
import { signRequest, type SigningInput } from '../../src/adapters/aws/signed-exchange';

const EXAMPLE_KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const AT = new Date('2015-08-30T12:36:00Z');
const SCOPE = 'Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';

/** One request as AWS's SigV4 test suite gives it (us-east-1, service "service", 2015-08-30T12:36:00Z), through our signing call. */
const signed = (method: SigningInput['method'], url: string, headers: Record<string, string> = {}, body = '', service = 'service') =>
  signRequest({ method, url: new URL(url), headers, body, credentials: EXAMPLE_KEYS, service, region: 'us-east-1', date: AT });

describe('signRequest (SigV4 by aws4, as this function calls it)', () => {
  it.each([
    ['get-vanilla', 'GET', 'https://example.amazonaws.com/', {}, '', 'host;x-amz-date', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    ['post-vanilla', 'POST', 'https://example.amazonaws.com/', {}, '', 'host;x-amz-date', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
    [
      'get-vanilla-query-order-key',
      'GET',
      'https://example.amazonaws.com/?Param2=value2&Param1=value1',
      {},
      '',
      'host;x-amz-date',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
    [
      'post-x-www-form-urlencoded',
      'POST',
      'https://example.amazonaws.com/',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'Param1=value1',
      'content-type;host;x-amz-date',
      'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
    ],
  ] as const)("matches AWS's published test vector %s", (_, method, url, headers, body, signedHeaders, signature) => {
    // Act
    const result = signed(method, url, headers, body);

    // Assess
    expect(result.authorization).toBe(`AWS4-HMAC-SHA256 ${SCOPE}, SignedHeaders=${signedHeaders}, Signature=${signature}`);
    expect(result['x-amz-date']).toBe('20150830T123600Z');
    expect(result.host).toBe('example.amazonaws.com');
  });

  it("matches AWS's published IAM ListUsers example (query string, content-type)", () => {
    // Act
    const result = signed(
      'GET',
      'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
      { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      '',
      'iam',
    );

    // Assess
    expect(result.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
  });

  // The signatures the hand-written signer (checked against aws4fetch) gave these requests before aws4 replaced it.
  const cases: {
    name: string;
    url: string;
    headers: Record<string, string>;
    body: string;
    service: string;
    sessionToken?: string;
    signedHeaders: string;
    signature: string;
  }[] = [
    {
      name: 'a DynamoDB JSON call with a session token',
      url: 'http://127.0.0.1:8000/',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.UpdateItem' },
      body: '{"TableName":"otp-ledger","Key":{"pk":{"S":"abc"}}}',
      service: 'dynamodb',
      sessionToken: 'FwoGZXIvYXdzE//token+with/odd=chars',
      signedHeaders: 'content-type;host;x-amz-date;x-amz-security-token;x-amz-target',
      signature: '6c3ca0524b5ef2475d61c6c8e1ace4f3070d9dad9f0a88f2ebed7275d64127c3',
    },
    {
      name: 'an SNS Publish with a Korean message',
      url: 'https://sns.ap-northeast-2.amazonaws.com/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({ Action: 'Publish', PhoneNumber: '+821012345678', Message: '[앱] 인증번호 123456' }).toString(),
      service: 'sns',
      signedHeaders: 'content-type;host;x-amz-date',
      signature: '1efe8e189589d28118ec5ae7209d63ce85f5083e6285a92113f26c8c5aa81d9a',
    },
    {
      name: 'a path with spaces, a query to sort and a header with runs of spaces',
      url: 'https://secretsmanager.ap-northeast-2.amazonaws.com/a%20b/c?z=1&a=2&a=1&sp=x%20y',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue', 'x-extra': '  two   spaces ' },
      body: '{"SecretId":"app/key"}',
      service: 'secretsmanager',
      signedHeaders: 'content-type;host;x-amz-date;x-amz-target;x-extra',
      signature: 'c145ffb702d7d349ba6a58096099159504e3654b7ee6d23c76107f1b96f67a8e',
    },
  ];

  for (const { name, url, headers, body, service, sessionToken, signedHeaders, signature } of cases) {
    it(`signs ${name} byte for byte as before`, () => {
      // Act
      const credentials = sessionToken ? { ...EXAMPLE_KEYS, sessionToken } : EXAMPLE_KEYS;
      const result = signRequest({ method: 'POST', url: new URL(url), headers, body, credentials, service, region: 'ap-northeast-2', date: AT });

      // Assess
      expect(result.authorization).toBe(
        `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/ap-northeast-2/${service}/aws4_request, SignedHeaders=${signedHeaders}, Signature=${signature}`,
      );
      expect(result['x-amz-security-token']).toBe(sessionToken);
    });
  }
});
