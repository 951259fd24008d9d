/// <reference lib="dom" />
// The demo page: the same Amplify v6 calls an app makes against a real pool.
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, type SignInOutput, signOut, signUp } from 'aws-amplify/auth';
import { BAD_PHONE, badCodeShape, codeSent, describeError, normalizePhone, wrongCode } from './messages';
import { throwAwayPassword } from './throw-away-password';

interface PoolConfig {
  endpoint: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const steps = { phone: $<HTMLFormElement>('phone-step'), code: $<HTMLFormElement>('code-step'), signedIn: $('signed-in-step') };
const messageBox = $('message');
let challenge: Record<string, string> = {};

function show(step: keyof typeof steps): void {
  for (const [name, element] of Object.entries(steps)) element.hidden = name !== step;
  const focus = step === 'phone' ? 'phone' : step === 'code' ? 'code' : undefined;
  if (focus) $<HTMLInputElement>(focus).focus();
}

function say(text: string, kind: 'error' | 'info' = 'error'): void {
  messageBox.textContent = text;
  messageBox.className = `message ${kind}`;
  messageBox.hidden = false;
}

const quiet = () => (messageBox.hidden = true);

/** Disables a form's button while its call runs, so a double click sends one SMS. */
async function busy(form: HTMLFormElement, work: () => Promise<void>): Promise<void> {
  const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
  button.disabled = true;
  try {
    await work();
  } catch (error) {
    const { text, restart } = describeError(error);
    if (restart) show('phone');
    say(text);
  } finally {
    button.disabled = false;
  }
}

async function sendCode(phone: string): Promise<void> {
  // Any valid number works: one the pool has not seen is signed up first.
  try {
    await signUp({ username: phone, password: throwAwayPassword(), options: { userAttributes: { phone_number: phone } } });
  } catch (error) {
    if (!(error instanceof Error && error.name === 'UsernameExistsException')) throw error;
  }
  const result = await signIn({ username: phone, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
  await next(result, 'sent');
}

async function next(result: SignInOutput, after: 'sent' | 'answered'): Promise<void> {
  if (result.isSignedIn) return showSignedIn();
  const step = result.nextStep;
  if (step.signInStep === 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE') {
    challenge = (step.additionalInfo ?? {}) as Record<string, string>;
    $<HTMLInputElement>('code').value = '';
    $<HTMLInputElement>('code').maxLength = Number(challenge.codeLength) + 2 || 12;
    $('code-hint').textContent = codeSent(challenge);
    show('code');
    if (after === 'answered') say(wrongCode(challenge.attemptsLeft));
    else say('Code sent.', 'info');
    return;
  }
  if (step.signInStep === 'CONFIRM_SIGN_UP') throw Object.assign(new Error('not confirmed'), { name: 'UserNotConfirmedException' });
  throw new Error(`unexpected sign-in step ${step.signInStep}`);
}

async function showSignedIn(): Promise<void> {
  const { tokens } = await fetchAuthSession();
  const claims = tokens?.idToken?.payload ?? {};
  $('signed-in-as').textContent = `Signed in as ${String(claims.phone_number ?? claims['cognito:username'])}`;
  const table = $('claims');
  table.replaceChildren(
    ...Object.entries(claims).map(([name, value]) => {
      const row = document.createElement('tr');
      const th = document.createElement('th');
      const td = document.createElement('td');
      th.textContent = name;
      td.textContent = ['exp', 'iat', 'auth_time'].includes(name) ? `${value} (${new Date(Number(value) * 1000).toISOString()})` : JSON.stringify(value);
      row.append(th, td);
      return row;
    }),
  );
  quiet();
  show('signedIn');
}

steps.phone.addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(steps.phone, async () => {
    quiet();
    const phone = normalizePhone($<HTMLInputElement>('phone').value);
    if (!phone) return say(BAD_PHONE);
    await sendCode(phone);
  });
});

steps.code.addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(steps.code, async () => {
    const code = $<HTMLInputElement>('code').value.replace(/[\s-]/g, '');
    // A malformed code would still cost an attempt at the pool, so it is caught here.
    if (!/^\d+$/.test(code) || (challenge.codeLength && code.length !== Number(challenge.codeLength))) return say(badCodeShape(challenge.codeLength));
    await next(await confirmSignIn({ challengeResponse: code }), 'answered');
  });
});

$('restart').addEventListener('click', () => {
  quiet();
  show('phone');
});

$('sign-out').addEventListener('click', async () => {
  await signOut();
  show('phone');
  say('Signed out.', 'info');
});

async function start(): Promise<void> {
  const config = (await (await fetch('/config.json')).json()) as PoolConfig;
  Amplify.configure({ Auth: { Cognito: { userPoolId: config.userPoolId, userPoolClientId: config.userPoolClientId, userPoolEndpoint: config.endpoint } } });
  $('pool').textContent = `Pool ${config.userPoolId} · client ${config.userPoolClientId} · ${config.endpoint}`;
  try {
    await getCurrentUser();
    await showSignedIn();
  } catch {
    show('phone');
  }
}

void start();
