import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlayground, type TestPlayground } from '../support/playground';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOC = 'docs/playground.md';

/** The ```ts block of docs/playground.md that points an app at the local pool, run as written (imports added, the SDK client exported). */
async function runPlaygroundSnippet(): Promise<{ client: CognitoIdentityProviderClient }> {
  const doc = await readFile(`${ROOT}${DOC}`, 'utf8');
  const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, body = '']) => body);
  const found = blocks.filter((body) => body.includes('Amplify.configure(') && body.includes('new CognitoIdentityProviderClient('));
  if (found.length !== 1) throw new Error(`${DOC} has ${found.length} blocks configuring Amplify and the SDK client; expected one`);
  const source = [
    "import { Amplify } from 'aws-amplify';",
    "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
    (found[0] ?? '').replace('new CognitoIdentityProviderClient(', 'export const client = new CognitoIdentityProviderClient('),
  ].join('\n');
  const file = `${ROOT}.local/readme-snippets/playground-${process.pid}.ts`;
  await mkdir(`${ROOT}.local/readme-snippets`, { recursive: true });
  await writeFile(file, source);
  return import(/* @vite-ignore */ pathToFileURL(file).href);
}

describe("docs/playground.md's client configuration, run as written", () => {
  let pool: TestPlayground;
  let client: CognitoIdentityProviderClient;
  beforeAll(async () => {
    pool = await startTestPlayground();
    ({ client } = await runPlaygroundSnippet());
  }, 40_000);
  afterAll(async () => {
    client?.destroy();
    await pool?.close();
  });

  it("configures Amplify and the SDK with the pool id, client id and region the playground serves at /config.json, on npm start's port", async () => {
    // Prepare
    const served = (await (await fetch(`${pool.config.endpoint}/config.json`)).json()) as { region: string; userPoolId: string; userPoolClientId: string };
    const main = await readFile(`${ROOT}local/main.ts`, 'utf8');
    const port = /const DEFAULT_PORT = (\d+);/.exec(main)?.[1];

    // Act
    const amplify = Amplify.getConfig().Auth?.Cognito;
    const sdkEndpoint = await client.config.endpoint?.();

    // Assess
    expect(port).toMatch(/^\d+$/);
    expect(amplify).toMatchObject({ userPoolId: served.userPoolId, userPoolClientId: served.userPoolClientId, userPoolEndpoint: `http://127.0.0.1:${port}` });
    expect(await client.config.region()).toBe(served.region);
    expect(sdkEndpoint && `${sdkEndpoint.protocol}//${sdkEndpoint.hostname}:${sdkEndpoint.port}`).toBe(`http://127.0.0.1:${port}`);
  });
});
