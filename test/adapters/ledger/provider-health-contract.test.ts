import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoDbProviderHealth } from '../../../src/adapters/ledger/dynamodb-provider-health';
import type { BreakerLimits } from '../../../src/domain/delivery';
import type { ProviderHealth } from '../../../src/domain/delivery';
import { noDeadline } from '../../support/fakes';
import { useLedgerTable } from '../../support/ledger-table';
import { MemoryProviderHealth } from '../../support/memory-provider-health';

const BREAKER: BreakerLimits = { failures: 3, windowSeconds: 60, cooloffSeconds: 120 };
const T0 = Date.parse('2026-12-02T10:00:00Z');
const d = noDeadline();
/** A fresh provider name per test, so tests share one table without meeting. */
const freshProvider = () => `p-${randomUUID()}`;

const table = useLedgerTable();
const healths: Record<string, () => ProviderHealth> = {
  memory: () => new MemoryProviderHealth(BREAKER),
  dynamodb: () => new DynamoDbProviderHealth({ tableName: table().table.tableName, breaker: BREAKER, aws: table().aws }),
};

describe.each(Object.keys(healths))('ProviderHealth contract: %s', (name) => {
  const make = healths[name]!;

  it('is closed until the threshold, opens on the failure that reaches it, once', async () => {
    // Prepare
    const health = make();
    const provider = freshProvider();

    // Act
    const counted = [await health.failed(provider, T0, d), await health.failed(provider, T0 + 1000, d)];
    const beforeThreshold = await health.admit(provider, T0 + 1000, d);
    const third = await health.failed(provider, T0 + 2000, d);
    const fourth = await health.failed(provider, T0 + 3000, d);
    const admission = await health.admit(provider, T0 + 3000, d);

    // Assess
    expect(counted).toEqual(['counted', 'counted']);
    expect(beforeThreshold).toEqual({ kind: 'closed' });
    expect(third).toBe('opened');
    expect(fourth).toBe('counted');
    expect(admission).toEqual({ kind: 'open' });
  });

  it('counts only failures within the window', async () => {
    // Prepare
    const health = make();
    const provider = freshProvider();
    await health.failed(provider, T0, d);
    await health.failed(provider, T0 + 1000, d);

    // Act
    const afterWindow = await health.failed(provider, T0 + 61_000, d);
    const admission = await health.admit(provider, T0 + 61_000, d);

    // Assess
    expect(afterWindow).toBe('counted');
    expect(admission).toEqual({ kind: 'closed' });
  });

  it('after the cool-off gives one trial, then closes on its success', async () => {
    // Prepare
    const health = make();
    const provider = freshProvider();
    for (let i = 0; i < 3; i++) await health.failed(provider, T0, d);
    const later = T0 + 121_000;

    // Act
    const first = await health.admit(provider, later, d);
    const second = await health.admit(provider, later, d);
    if (first.kind === 'trial') await health.recovered(provider, first, d);
    const afterRecovery = await health.admit(provider, later + 1, d);

    // Assess
    expect(first).toEqual({ kind: 'trial', until: later + 120_000 });
    expect(second).toEqual({ kind: 'open' });
    expect(afterRecovery).toEqual({ kind: 'closed' });
  });

  it('a trial that never reports leaves it open for one more cool-off, then gives another trial', async () => {
    // Prepare
    const health = make();
    const provider = freshProvider();
    for (let i = 0; i < 3; i++) await health.failed(provider, T0, d);
    await health.admit(provider, T0 + 121_000, d);

    // Act
    const during = await health.admit(provider, T0 + 200_000, d);
    const after = await health.admit(provider, T0 + 242_000, d);

    // Assess
    expect(during).toEqual({ kind: 'open' });
    expect(after.kind).toBe('trial');
  });
});
