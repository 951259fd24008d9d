import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EasyAuthServer } from '../support/easyauth-server';
import { signUp, startTestPlayground, type TestPlayground } from '../support/playground';

const TARGET = 'AWSCognitoIdentityProviderService.';

describe('local user pool with the fake provider, on the wire', () => {
  let pg: TestPlayground;
  beforeAll(async () => {
    pg = await startTestPlayground();
  });
  afterAll(() => pg.close());

  const call = (operation: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${pg.config.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}${operation}`, ...headers },
      body,
    });

  it('answers a browser preflight from any page with the headers Amplify and the SDK send', async () => {
    // Act
    const response = await fetch(`${pg.config.endpoint}/`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    });

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = response.headers.get('access-control-allow-headers')?.split(', ');
    expect(allowed).toEqual(
      expect.arrayContaining([
        'amz-sdk-invocation-id',
        'amz-sdk-request',
        'x-amz-target',
        'x-amz-user-agent',
        'authorization',
        'x-amz-date',
        'x-amz-security-token',
        'content-type',
      ]),
    );
    expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype');
  });

  it('sends errors as __type and message, with x-amzn-ErrorType and HTTP 400', async () => {
    // Act
    const response = await call(
      'InitiateAuth',
      JSON.stringify({ ClientId: 'nosuchclient', AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: '+821055501234' } }),
    );

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ __type: 'ResourceNotFoundException', message: 'User pool client nosuchclient does not exist.' });
  });

  it('names an operation it does not implement, and a body that is not JSON', async () => {
    // Act
    const unknown = await call('ListUsers', '{}');
    const malformed = await call('InitiateAuth', '{not json');

    // Assess
    expect(await unknown.json()).toEqual({ __type: 'UnknownOperationException', message: 'The local user pool does not implement ListUsers.' });
    expect(await malformed.json()).toEqual({ __type: 'SerializationException', message: 'Request body is not valid JSON.' });
  });

  it('refuses an Admin* call without SigV4 credentials, as Cognito does, and takes one that carries them', async () => {
    // Prepare
    const body = JSON.stringify({ UserPoolId: pg.userPoolId, Username: '+821055501234' });
    const sigV4 = 'AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST/20260101/ap-northeast-2/cognito-idp/aws4_request, SignedHeaders=host, Signature=00';

    // Act
    const unsigned = await call('AdminGetUser', body);
    const signed = await call('AdminGetUser', body, { authorization: sigV4 });

    // Assess
    expect(unsigned.status).toBe(400);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await unsigned.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    expect(await signed.json()).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('refuses every Admin* call that carries an Origin header, signed or not, from any page', async () => {
    // Prepare
    await signUp(pg, '+821055509876');
    const body = JSON.stringify({ UserPoolId: pg.userPoolId, Username: '+821055509876' });
    const sigV4 = 'AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST/20260101/ap-northeast-2/cognito-idp/aws4_request, SignedHeaders=host, Signature=00';

    // Act
    const answers = await Promise.all(
      [pg.config.endpoint, 'https://evil.example', 'null'].flatMap((origin) => [
        call('AdminGetUser', body, { origin, authorization: sigV4 }),
        call('AdminUpdateUserAttributes', JSON.stringify({ ...JSON.parse(body), UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }] }), {
          origin,
          authorization: sigV4,
        }),
        call('AdminCreateUser', JSON.stringify({ UserPoolId: pg.userPoolId, Username: '+821055500000' }), { origin, authorization: sigV4 }),
      ]),
    );
    const fromNode = await call('AdminGetUser', body, { authorization: sigV4 });

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
      expect(((await answer.json()) as { message: string }).message).toMatch(/^Admin\w+ may not be called from a web page/);
    }
    const user = (await fromNode.json()) as { UserAttributes: { Name: string; Value: string }[] };
    expect(fromNode.status).toBe(200);
    expect(user.UserAttributes).not.toContainEqual({ Name: 'phone_number_verified', Value: 'true' });
  });

  it('serves its configuration and the JWKS at the issuer', async () => {
    // Act
    const config = await (await fetch(`${pg.config.endpoint}/config.json`)).json();
    const jwks = (await (await fetch(`${pg.config.endpoint}/${pg.userPoolId}/.well-known/jwks.json`)).json()) as { keys: Record<string, string>[] };

    // Assess
    expect(config).toEqual({ endpoint: pg.config.endpoint, region: 'ap-northeast-2', userPoolId: 'ap-northeast-2_playground', userPoolClientId: pg.clientId });
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});

describe('local user pool with a real SMS provider, on the wire', () => {
  const THEIR_APP = 'http://localhost:5173';
  let easyAuth: EasyAuthServer;
  let pg: TestPlayground;
  beforeAll(async () => {
    easyAuth = await new EasyAuthServer().start();
    pg = await startTestPlayground({
      env: { OTP_PROVIDER: 'easyauth', EASYAUTH_BASE_URL: easyAuth.baseUrl, EASYAUTH_API_KEY: easyAuth.apiKey, PLAYGROUND_CORS_ORIGINS: THEIR_APP },
    });
  });
  afterAll(async () => {
    await pg?.close();
    await easyAuth?.stop();
  });

  const preflight = (origin: string) =>
    fetch(`${pg.config.endpoint}/`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    });

  it('refuses the preflight of a page from any other origin', async () => {
    // Act
    const response = await preflight('https://some-site.example');

    // Assess
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).toContain('PLAYGROUND_CORS_ORIGINS');
  });

  it('refuses a cross-origin call outright, so no SMS is sent for it', async () => {
    // Act
    const response = await fetch(`${pg.config.endpoint}/`, {
      method: 'POST',
      headers: { origin: 'https://some-site.example', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}InitiateAuth` },
      body: JSON.stringify({ ClientId: pg.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: '+821055501234' } }),
    });

    // Assess
    expect(response.status).toBe(403);
    expect(easyAuth.received).toEqual([]);
  });

  it('refuses Admin* calls even from the origins it lets call, with a real provider too', async () => {
    // Act
    const response = await fetch(`${pg.config.endpoint}/`, {
      method: 'POST',
      headers: {
        origin: THEIR_APP,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${TARGET}AdminGetUser`,
        authorization: 'AWS4-HMAC-SHA256 x',
      },
      body: JSON.stringify({ UserPoolId: pg.userPoolId, Username: '+821055501234' }),
    });

    // Assess
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(response.headers.get('access-control-allow-origin')).toBe(THEIR_APP); // so the page can read why
  });

  it("lets the playground's own page and the origins in PLAYGROUND_CORS_ORIGINS call", async () => {
    // Act
    const own = await preflight(pg.config.endpoint);
    const listed = await preflight(THEIR_APP);

    // Assess
    expect(own.status).toBe(204);
    expect(own.headers.get('access-control-allow-origin')).toBe(pg.config.endpoint);
    expect(listed.headers.get('access-control-allow-origin')).toBe(THEIR_APP);
    expect(listed.headers.get('vary')).toBe('origin');
  });
});
