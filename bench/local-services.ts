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
import { startLocalLedgerTable } from '../local/ledger-table';

export const BENCH_AWS_ENV = { AWS_REGION: 'ap-northeast-2', AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench-secret-key' } as const;
export const EASYAUTH_CODE = '246810';

export interface BenchServices {
  /** Variables for a function of `provider` reading its secrets, ledger and provider here. */
  env(provider: 'easyauth' | 'sns'): Record<string, string>;
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

export async function startBenchServices(codeFile: string): Promise<BenchServices> {
  const ledger = await startLocalLedgerTable('bench-ledger');
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
  const common = {
    ...BENCH_AWS_ENV,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: origin,
    AWS_ENDPOINT_URL_DYNAMODB: ledger.endpoint,
    OTP_LEDGER_TABLE: ledger.tableName,
    // As the stack deploys it: every provider gets the HMAC key from Secrets Manager (the ledger keys on it).
    OTP_HMAC_SECRET_ID: 'bench/otp-hmac-secret',
  };
  return {
    env: (provider) =>
      provider === 'easyauth'
        ? { ...common, OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY_SECRET_ID: 'bench/easyauth-api-key', EASYAUTH_BASE_URL: `${origin}/v1` }
        : { ...common, OTP_PROVIDER: 'sns', AWS_ENDPOINT_URL_SNS: origin, APP_NAME: 'Bench' },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ledger.stop();
    },
  };
}
