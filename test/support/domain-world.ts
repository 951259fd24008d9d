import { HmacCodeForge } from '../../src/adapters/hmac-codes';
import { FakePhoneInspector } from '../../src/adapters/phone/fake-inspector';
import { MemoryCodeLedger, MemorySendBudget } from '../../src/adapters/ledger/memory-ledger';
import { CreateChallenge, type CreateInput } from '../../src/domain/create-challenge';
import { defineChallenge } from '../../src/domain/define-challenge';
import { LatencyModel } from '../../src/domain/latency';
import { DEFAULT_POLICY, type OtpPolicy } from '../../src/domain/policy';
import type { PhoneInspector } from '../../src/domain/phone-inspection';
import type { OtpProvider } from '../../src/domain/ports';
import type { BudgetLimits } from '../../src/domain/send-budget';
import { VerifyAnswer, type VerifyInput } from '../../src/domain/verify-answer';
import { PHONE, POOL, USER_NAME } from './events';
import { FakeClock, FakeTiming, RecordingDelivery } from './fakes';

export const TEST_SECRET = new Uint8Array(32).fill(9);
const BUDGET: BudgetLimits = { maxSendsPerRangePerHour: 20, smsBudgetPerHour: 200, smsBudgetPerDay: 2000 };

/** The domain's services on the memory ledger and budget: for domain unit tests only. */
export function domainWorld(
  options: { policy?: OtpPolicy; provider?: OtpProvider; budget?: BudgetLimits; mayText?: CreateChallengeMayText; phones?: PhoneInspector } = {},
) {
  const policy = options.policy ?? DEFAULT_POLICY;
  const provider = options.provider ?? new RecordingDelivery();
  const clock = new FakeClock();
  const timing = new FakeTiming();
  const ledger = new MemoryCodeLedger(policy);
  const budget = new MemorySendBudget(options.budget ?? BUDGET);
  const forge = new HmacCodeForge(TEST_SECRET);
  const sendLatency = new LatencyModel(timing, 150);
  const checkLatency = new LatencyModel(timing, 100);
  const phones = options.phones ?? new FakePhoneInspector();
  const create = new CreateChallenge({
    policy,
    provider,
    ledger,
    budget,
    forge,
    clock,
    sendLatency,
    phones,
    ...(options.mayText && { mayText: options.mayText }),
  });
  const verify = new VerifyAnswer({ policy, provider, ledger, forge, clock, checkLatency, phones });
  const define = defineChallenge(policy);
  return { policy, provider, clock, timing, ledger, budget, forge, create, verify, define };
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
