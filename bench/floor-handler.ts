// Baseline, not product code: the floor of the design card's stack doing the least I/O a deployed function must.
// It loads and sets up inversify, pino and ky as the card lists them (a container, a synchronous pino logger, a ky
// instance), bundled as the product is, logs one line per event, and makes the calls no deployed configuration
// can do without, each signed with SigV4 (aws4) over node:http, one after another:
// - at the first event, one Secrets Manager GetSecretValue (EasyAuth's API key, or SNS's HMAC key);
// - per Create, one DynamoDB UpdateItem (the code's record) and the provider's send (EasyAuth /send, SNS Publish);
// - per Verify, one DynamoDB UpdateItem (an attempt counted, the record read back) and, for EasyAuth, its /verify.
// It reads the same variables as the product (OTP_PROVIDER, the endpoints, the table, the secret's id). What the
// product adds above it (its rules, its ledger's other writes, the fraud guard, its layers) is measured against this.
// The product no longer loads ky (docs/architecture.md, "Why ky went"); the floor keeps it, as the card lists it.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { request } from 'node:http';
import aws4 from 'aws4';
import { Container } from 'inversify';
import ky from 'ky';
import pino from 'pino';

const log = pino({ level: 'info', base: undefined }, pino.destination({ dest: 1, sync: true }));
const container = new Container({ defaultScope: 'Singleton' });
container.bind('api').toConstantValue(ky.create({ prefixUrl: 'http://127.0.0.1/', retry: 0, timeout: false }));
container.bind('log').toConstantValue(log);

const env = process.env;
const provider = env.OTP_PROVIDER === 'sns' ? 'sns' : 'easyauth';
const region = env.AWS_REGION ?? 'us-east-1';
const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' };
const TIMEOUT_MS = 3000;

interface Answer {
  status: number;
  text: string;
}

/** One HTTP exchange over node:http, bounded by a timeout; `sign` adds SigV4 for an AWS service. */
function call(url: string, headers: Record<string, string>, body: string, service?: string): Promise<Answer> {
  const { hostname, port, pathname } = new URL(url);
  const options: aws4.Request & { headers: Record<string, string> } = {
    host: hostname,
    hostname,
    port,
    path: pathname,
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    body,
    ...(service && { service, region }),
  };
  if (service) aws4.sign(options, credentials);
  return new Promise((resolve, reject) => {
    const outgoing = request({ ...options, timeout: TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${url}: no answer in ${TIMEOUT_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function awsJson(service: string, url: string, target: string, version: string, input: object): Promise<Record<string, unknown>> {
  const { status, text } = await call(url, { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target }, JSON.stringify(input), service);
  if (status !== 200) throw new Error(`${target} answered HTTP ${status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The one secret, read once: EasyAuth's API key, or the HMAC key the SNS floor hashes codes with. */
let secret: Promise<string> | undefined;
const secretId = provider === 'easyauth' ? env.EASYAUTH_API_KEY_SECRET_ID : env.OTP_HMAC_SECRET_ID;
const readSecret = async (): Promise<string> => {
  const answer = await awsJson('secretsmanager', env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? '', 'secretsmanager.GetSecretValue', '1.1', { SecretId: secretId });
  if (typeof answer.SecretString !== 'string') throw new Error(`the secret ${secretId} holds no text`);
  return answer.SecretString;
};

const updateItem = (input: object) =>
  awsJson('dynamodb', env.AWS_ENDPOINT_URL_DYNAMODB ?? '', 'DynamoDB_20120810.UpdateItem', '1.0', { TableName: env.OTP_LEDGER_TABLE, ...input });
const keyOf = (phone: string) => ({ pk: { S: `floor#${phone}` } });
const hash = (key: string, code: string) => createHmac('sha256', key).update(code).digest('base64');

async function easyAuth(path: 'send' | 'verify', json: object): Promise<Answer> {
  const answer = await call(
    `${env.EASYAUTH_BASE_URL ?? ''}/${path}`,
    { 'content-type': 'application/json', authorization: `Bearer ${await secret}` },
    JSON.stringify(json),
  );
  if (answer.status !== 200) throw new Error(`EasyAuth /${path} answered HTTP ${answer.status}`);
  return answer;
}

async function create(phone: string): Promise<Record<string, string>> {
  const expiresAt = { N: String(Math.floor(Date.now() / 1000) + 180) };
  if (provider === 'easyauth') {
    await updateItem({ Key: keyOf(phone), UpdateExpression: 'SET expiresAt = :e', ExpressionAttributeValues: { ':e': expiresAt } });
    await easyAuth('send', { phone });
    return {};
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const hashed = hash(await (secret as Promise<string>), code);
  await updateItem({
    Key: keyOf(phone),
    UpdateExpression: 'SET c = :c, expiresAt = :e REMOVE attempts',
    ExpressionAttributeValues: { ':c': { S: hashed }, ':e': expiresAt },
  });
  const form = new URLSearchParams({ Action: 'Publish', Version: '2010-03-31', PhoneNumber: phone, Message: `Your code is ${code}` });
  const { status } = await call(env.AWS_ENDPOINT_URL_SNS ?? '', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, form.toString(), 'sns');
  if (status !== 200) throw new Error(`SNS Publish answered HTTP ${status}`);
  return {};
}

async function verify(phone: string, answer: string): Promise<boolean> {
  const counted = await updateItem({
    Key: keyOf(phone),
    UpdateExpression: 'ADD attempts :one',
    ExpressionAttributeValues: { ':one': { N: '1' } },
    ReturnValues: 'ALL_NEW',
  });
  if (provider === 'easyauth') return (JSON.parse((await easyAuth('verify', { phone, code: answer })).text) as { success?: boolean }).success === true;
  const stored = Buffer.from(((counted.Attributes as Record<string, { S?: string }> | undefined)?.c?.S ?? '') as string);
  const given = Buffer.from(hash(await (secret as Promise<string>), answer));
  return stored.length === given.length && timingSafeEqual(stored, given);
}

interface TriggerEvent {
  triggerSource?: string;
  request: { userAttributes?: Record<string, string>; challengeAnswer?: string };
  response: Record<string, unknown>;
}

export const handler = async (event: TriggerEvent) => {
  secret ??= readSecret();
  await secret;
  container.get<typeof log>('log').info({ trigger: event.triggerSource }, 'event');
  const phone = event.request.userAttributes?.phone_number ?? '';
  if (event.triggerSource?.startsWith('DefineAuthChallenge')) {
    event.response = { ...event.response, challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false };
  } else if (event.triggerSource?.startsWith('CreateAuthChallenge')) {
    event.response = { ...event.response, publicChallengeParameters: {}, privateChallengeParameters: await create(phone), challengeMetadata: 'OTP' };
  } else if (event.triggerSource?.startsWith('VerifyAuthChallenge')) {
    event.response = { ...event.response, answerCorrect: await verify(phone, event.request.challengeAnswer ?? '') };
  }
  return event;
};
