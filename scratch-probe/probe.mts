import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchServices } from '/work/wt/cold-start/bench/local-services';
import { bundleHandler, bundleScratchDir } from '/work/wt/cold-start/scripts/bundle';
import { createEvent, defineEvent, verifyEvent } from '/work/wt/cold-start/test/support/events';
const dir = await bundleScratchDir('probe-');
const file = join(dir, 'handler.mjs');
await bundleHandler(file);
const codeFile = join(dir, 'code');
const svc = await startBenchServices(codeFile);
const provider = (process.argv[2] ?? 'easyauth') as 'easyauth' | 'sns';
for (let i = 0; i < 5; i++) {
  const phone = `+82109${String(100 + i)}5678`;
  writeFileSync(join(dir, 'ev.json'), JSON.stringify([defineEvent({ phone }), createEvent({ phone }), verifyEvent('', {}, { phone })]));
  const t = performance.now();
  await new Promise<void>((resolve) => {
    const p = spawn(process.execPath, [...(process.env.PROBE_ARGS?.split(' ') ?? []), '/tmp/cs/timed-child.mjs', file, join(dir, 'ev.json'), codeFile], { env: { PATH: process.env.PATH!, ...svc.env(provider) }, stdio: ['ignore', 'ignore', 'inherit', 'inherit'] });
    p.on('close', () => resolve());
  });
  console.log(provider, 'wall', (performance.now() - t).toFixed(1));
}
await svc.stop();
