/**
 * The remote services a deployed function calls, stood in on loopback for `npm run bench`: Secrets Manager
 * (GetSecretValue, JSON 1.1), Amazon SNS (Publish, query protocol) and EasyAuth (`/v1/send`, `/v1/verify`),
 * with the ledger's DynamoDB table on dynalite. Not product code and not the tests' servers: these answer the
 * happy path only, as fast as they can, so that what is timed is the function. The code of the last SMS is
 * written to `codeFile` before the answer leaves, so the cold process can read it, synchronously, for its Verify.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LocalLedgerTable, startLocalLedgerTable } from '../local/ledger-table';
import { callJson, JSON_PROTOCOLS, tryJson } from '../src/adapters/aws/json-protocol';
import { awsTarget } from '../src/adapters/aws/services';
import { readAwsSettings } from '../src/adapters/runtime/config';
import { SETTINGS, settingsEnv } from '../src/settings/definitions';
import { secretIdVariable } from '../src/settings/setting';

export const BENCH_AWS_ENV = settingsEnv({ region: 'ap-northeast-2', awsAccessKeyId: 'AKIDBENCH', awsSecretAccessKey: 'bench-secret-key' });
export const EASYAUTH_CODE = '246810';
/** OTP_HMAC_SECRET where it is given inline (the fake provider): 48 bytes, as `openssl rand -base64 48` would make. */
export const BENCH_HMAC_SECRET = 'YmVuY2gtaG1hYy1zZWNyZXQtb2YtYXQtbGVhc3QtMzItYnl0ZXMtbG9uZyEhISE=';

/** What the function needs to reach its ledger table: the table, the endpoint, and the region and keys it signs with. */
export function benchLedgerEnv(ledger: LocalLedgerTable): Record<string, string> {
  return { ...BENCH_AWS_ENV, ...settingsEnv({ dynamoDbEndpoint: ledger.endpoint, ledgerTable: ledger.tableName }) };
}

export interface BenchServices {
  /**
   * Variables for a function of `provider` reading its secrets, ledger and provider here; each provider has a ledger
   * table of its own (a fresh dynalite). `fake` is the product without secrets: its HMAC key inline, SMS to `codeFile`.
   */
  env(provider: 'easyauth' | 'sns' | 'fake'): Record<string, string>;
  stop(): Promise<void>;
}

const SECRETS: Record<string, string> = {
  'bench/easyauth-api-key': 'bench-easyauth-key-0123456789',
  'bench/otp-hmac-secret': 'YmVuY2gtaG1hYy1zZWNyZXQtb2YtYXQtbGVhc3QtMzItYnl0ZXMtbG9uZyEhISE=',
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}

/**
 * Dynalite loads its request handling lazily: the first UpdateItem of a fresh server takes about 200 ms, which
 * a real table never charges. A few calls of each kind the ledger makes, on a key no phone has, take that out of
 * the first cold run.
 * And dynalite parses every expression with its own parser, in this process: until V8 has optimised that parser,
 * a long condition such as the ledger's claim (a dozen ORed waits) took 108 ms in the first cold run and still
 * about 15 ms after ten (a real table answers in a few ms whatever the condition). So the warm-up also
 * parses an expression as long as the claim's, CLAIM_WARM_UPS times, so that the cold runs time the function, not
 * dynalite's warming parser.
 */
const CLAIM_WARM_UPS = 150;

/** An UpdateItem as long as the ledger's claim, with the same parts (if_not_exists, REMOVE, ADD, ORed waits). */
function claimLike(tableName: string, i: number) {
  const waits = Array.from({ length: 12 }, (_, n) => `(#day = :n${n} AND lastSentAt <= :t${n})`);
  const values: Record<string, { N: string } | { S: string }> = { ':zero': { N: '0' }, ':one': { N: '1' }, ':now': { N: String(i) }, ':id': { S: `w${i}` } };
  for (let n = 0; n < 12; n++) Object.assign(values, { [`:n${n}`]: { N: String(n) }, [`:t${n}`]: { N: '9007199254740991' } });
  return {
    TableName: tableName,
    Key: { pk: { S: 'bench#warm-up-claim' } },
    ConditionExpression: `(attribute_not_exists(#day) OR #day < :t0) AND (attribute_not_exists(lastSentAt) OR ((attribute_not_exists(#day) OR #day = :zero) AND lastSentAt <= :t0) OR ${waits.join(' OR ')})`,
    UpdateExpression:
      'SET codeId = :id, issuedAt = :now, prevSentAt = if_not_exists(lastSentAt, :zero), lastSentAt = :now, checks = :zero, expiresAt = if_not_exists(keepUntil, :now) REMOVE lastCheck, spentAt, #day1 ADD #day :one',
    ExpressionAttributeNames: { '#day': 'd1', '#day1': 'd0' },
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
  };
}

async function warmUp(ledger: LocalLedgerTable): Promise<void> {
  const target = awsTarget('dynamodb', { ...readAwsSettings(BENCH_AWS_ENV), endpoints: { dynamodb: ledger.endpoint } });
  const Key = { pk: { S: 'bench#warm-up' } };
  for (let i = 0; i < 3; i++) {
    const update = {
      TableName: ledger.tableName,
      Key,
      ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
      UpdateExpression: 'SET expiresAt = :exp ADD n :one',
      ExpressionAttributeValues: { ':limit': { N: '2' }, ':one': { N: '1' }, ':exp': { N: '1' } },
      ReturnValues: 'ALL_NEW',
    };
    await tryJson(target, JSON_PROTOCOLS.dynamodb, 'UpdateItem', update, AbortSignal.timeout(5000));
    await callJson(target, JSON_PROTOCOLS.dynamodb, 'GetItem', { TableName: ledger.tableName, Key, ConsistentRead: true }, AbortSignal.timeout(5000));
  }
  // Refused or not, the expression is parsed: tryJson, as the refusal is no failure here.
  for (let i = 0; i < CLAIM_WARM_UPS; i++)
    await tryJson(target, JSON_PROTOCOLS.dynamodb, 'UpdateItem', claimLike(ledger.tableName, i), AbortSignal.timeout(5000));
}

export async function startBenchServices(codeFile: string): Promise<BenchServices> {
  const ledgers = {
    fake: await startLocalLedgerTable('bench-ledger-fake'),
    easyauth: await startLocalLedgerTable('bench-ledger-easyauth'),
    sns: await startLocalLedgerTable('bench-ledger-sns'),
  };
  await Promise.all(Object.values(ledgers).map(warmUp));
  let sent = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const target = req.headers['x-amz-target'];
      if (target === 'secretsmanager.GetSecretValue') {
        const { SecretId } = JSON.parse(body) as { SecretId: string };
        const value = SECRETS[SecretId];
        if (value === undefined) return reply(res, 400, 'application/x-amz-json-1.1', JSON.stringify({ __type: 'ResourceNotFoundException' }));
        return reply(res, 200, 'application/x-amz-json-1.1', JSON.stringify({ Name: SecretId, SecretString: value, VersionId: 'v1' }));
      }
      if (req.url === '/v1/send') {
        writeFileSync(codeFile, EASYAUTH_CODE);
        return reply(res, 200, 'application/json', JSON.stringify({ success: true }));
      }
      if (req.url === '/v1/verify') {
        const { code } = JSON.parse(body) as { code?: string };
        return reply(res, 200, 'application/json', JSON.stringify({ success: code === EASYAUTH_CODE }));
      }
      const form = new URLSearchParams(body);
      if (form.get('Action') === 'Publish') {
        writeFileSync(codeFile, /\d{4,10}/.exec(form.get('Message') ?? '')?.[0] ?? '');
        const id = `bench-${++sent}`;
        const xml = `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${id}</MessageId></PublishResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></PublishResponse>`;
        return reply(res, 200, 'text/xml', xml);
      }
      reply(res, 404, 'text/plain', 'not stood in by the bench');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const common = (provider: keyof typeof ledgers) => ({
    ...benchLedgerEnv(ledgers[provider]),
    ...settingsEnv({ secretsManagerEndpoint: origin }),
    // As the stack deploys it: every provider gets the HMAC key from Secrets Manager (the ledger keys on it).
    [secretIdVariable(SETTINGS.hmacSecret)]: 'bench/otp-hmac-secret',
  });
  return {
    env: (provider) => {
      switch (provider) {
        case 'easyauth':
          return {
            ...common(provider),
            ...settingsEnv({ provider: 'easyauth', easyAuthBaseUrl: `${origin}/v1` }),
            [secretIdVariable(SETTINGS.easyAuthApiKey)]: 'bench/easyauth-api-key',
          };
        case 'sns':
          return { ...common(provider), ...settingsEnv({ provider: 'sns', snsEndpoint: origin, appName: 'Bench' }) };
        case 'fake':
          return { ...benchLedgerEnv(ledgers.fake), ...settingsEnv({ provider: 'fake', hmacSecret: BENCH_HMAC_SECRET, fakeOutbox: codeFile }) };
      }
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(Object.values(ledgers).map((ledger) => ledger.stop()));
    },
  };
}
