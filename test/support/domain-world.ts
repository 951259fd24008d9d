import { HmacCodeForge } from '../../src/adapters/providers/hmac-codes';
import { FakePhoneInspector } from './fake-phone-inspector';
import { MemoryCodeLedger, MemorySendBudget } from './memory-ledger';
import { CreateChallenge, type CreateInput } from '../../src/domain/create-challenge';
import { defineChallenge } from '../../src/domain/define-challenge';
import { checkLatencyModel, DEFAULT_SEND_MS } from '../../src/domain/latency';
import { DeliveryService, type ProviderHealth } from '../../src/domain/delivery';
import { RecordingMetrics } from '../../src/adapters/metrics/emf-metrics';
import { DEFAULT_POLICY, type OtpPolicy } from '../../src/domain/policy';
import type { PhoneInspector } from '../../src/domain/phone-inspection';
import type { OtpProvider } from '../../src/domain/ports';
import type { BudgetLimits } from '../../src/domain/send-budget';
import { VerifyAnswer, type VerifyInput } from '../../src/domain/verify-answer';
import type { CodeLedger } from '../../src/domain/code-ledger';
import type { SendBudget } from '../../src/domain/send-budget';
import { PHONE, POOL, USER_NAME } from './events';
import { FakeClock, FakeTiming, RecordingDelivery, RecordingLogger } from './fakes';

export const TEST_SECRET = new Uint8Array(32).fill(9);
const BUDGET: BudgetLimits = { maxSendsPerRangePerHour: 20, smsBudgetPerHour: 200, smsBudgetPerDay: 2000 };

/** The domain's services on the memory ledger and budget: for domain unit tests only. */
export function domainWorld(
  options: {
    policy?: OtpPolicy;
    provider?: OtpProvider;
    /** A fallback behind the primary, named `fallback` (the primary is `primary`), with its breaker when given. */
    fallback?: OtpProvider;
    health?: ProviderHealth;
    budget?: BudgetLimits;
    mayText?: CreateChallengeMayText;
    phones?: PhoneInspector;
  } = {},
) {
  const policy = options.policy ?? DEFAULT_POLICY;
  const provider = options.provider ?? new RecordingDelivery();
  const clock = new FakeClock();
  const timing = new FakeTiming();
  const ledger = new MemoryCodeLedger(policy);
  const budget = new MemorySendBudget(options.budget ?? BUDGET);
  const forge = new HmacCodeForge(TEST_SECRET);
  const metrics = new RecordingMetrics();
  const logger = new RecordingLogger();
  const providers = [{ name: 'primary', provider }, ...(options.fallback ? [{ name: 'fallback', provider: options.fallback }] : [])];
  const delivery = new DeliveryService(providers, {
    ...(options.health && { health: options.health }),
    metrics,
    logger,
    timing,
    defaultSendMs: DEFAULT_SEND_MS,
  });
  const checkLatency = checkLatencyModel(timing);
  const phones = options.phones ?? new FakePhoneInspector();
  const create = new CreateChallenge({
    policy,
    delivery,
    ledger,
    budget,
    forge,
    clock,
    phones,
    ...(options.mayText && { mayText: options.mayText }),
  });
  const verify = new VerifyAnswer({ policy, delivery, metrics, ledger, forge, clock, checkLatency, phones });
  const define = defineChallenge(policy);
  return { policy, provider, delivery, metrics, logger, clock, timing, ledger, budget, forge, create, verify, define };
}

// Every method of the two ports, so that a method added to either must be added here (the compiler says so).
const PORT_METHODS = {
  ledger: Object.keys({
    claimSend: 0,
    checkAnswer: 0,
    reserveAttempt: 0,
    markSpent: 0,
    provenAt: 0,
    releaseSend: 0,
    codeStatus: 0,
    recordHolder: 0,
  } satisfies Record<keyof CodeLedger, 0>),
  budget: Object.keys({ charge: 0, refund: 0 } satisfies Record<keyof SendBudget, 0>),
};

/**
 * Records, from now on, every call the services make to `world`'s ledger and send budget, as `ledger.claimSend`,
 * `budget.charge`…: each port method is wrapped on the instance the services hold.
 */
export function recordLedgerCalls(world: { ledger: CodeLedger; budget: SendBudget }): string[] {
  const calls: string[] = [];
  for (const [port, names] of Object.entries(PORT_METHODS) as [keyof typeof PORT_METHODS, string[]][]) {
    const target = world[port] as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of names) {
      const method = target[name]!;
      target[name] = (...args: unknown[]) => {
        calls.push(`${port}.${name}`);
        return method.apply(target, args);
      };
    }
  }
  return calls;
}

type CreateChallengeMayText = NonNullable<ConstructorParameters<typeof CreateChallenge>[0]['mayText']>;

export const createInput = (overrides: Partial<CreateInput> = {}): CreateInput => ({
  userName: USER_NAME,
  phoneNumber: PHONE,
  userNotFound: false,
  session: [],
  resend: false,
  ...overrides,
});

export const verifyInput = (overrides: Partial<VerifyInput> & Pick<VerifyInput, 'state'>): VerifyInput => ({
  poolId: POOL.userPoolId,
  userName: USER_NAME,
  phoneNumber: PHONE,
  userNotFound: false,
  answer: '000000',
  resend: false,
  ...overrides,
});
