/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The demo page: the same Amplify v6 calls an app makes against a real pool, through the client helpers.
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser, signOut } from 'aws-amplify/auth';
import type { Challenge } from '../../src/client/challenge';
import { type CountryCode, countryCallingCodes, DEFAULT_COUNTRY, normalizePhone } from '../../src/client/phone';
import { answerChallenge, resendCode, type SignInStep, startSignIn } from '../../src/client/sign-in';
import { deliveryWords, describeError, type Lang, pickLanguage, WORDS } from './messages';

interface PoolConfig {
  endpoint: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
}

type Render = (lang: Lang) => string;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const steps = { phone: $<HTMLFormElement>('phone-step'), code: $<HTMLFormElement>('code-step'), signedIn: $('signed-in-step') };
const phoneInput = $<HTMLInputElement>('phone');
const codeInput = $<HTMLInputElement>('code');
const countrySelect = $<HTMLSelectElement>('country');
const resendButton = $<HTMLButtonElement>('resend');

let lang: Lang = pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
let challenge: Challenge = {};
/** The number as the user typed it, shown on the code step. */
let typedPhone = '';
/** When the resend button may be pressed (ms since the epoch); undefined when the backend offers no resend. */
let resendAt: number | undefined;
let ticker: ReturnType<typeof setInterval> | undefined;
/** What each message element shows, as a function of the language, so that the switch re-renders it. */
const shown = new Map<HTMLElement, Render>();
let signedInAs: Render | undefined;

function show(step: keyof typeof steps): void {
  for (const [name, element] of Object.entries(steps)) element.hidden = name !== step;
  if (step === 'phone') phoneInput.focus();
  if (step === 'code') codeInput.focus();
  if (step !== 'code') stopTicker();
}

function put(element: HTMLElement, render: Render | undefined): void {
  if (render) shown.set(element, render);
  else shown.delete(element);
  element.textContent = render ? render(lang) : '';
  element.hidden = !render;
}

/** A general message: `status` for news, `alert` for a problem that belongs to no field. */
function say(render: Render, kind: 'info' | 'error' = 'info'): void {
  put($('message'), kind === 'info' ? render : undefined);
  put($('alert'), kind === 'error' ? render : undefined);
}

/** A problem with one field: tied to it, announced, and the field focused. */
function fieldError(input: HTMLInputElement, render: Render): void {
  const box = $(`${input.id}-error`);
  put(box, render);
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', `${input.id}-hint ${box.id}`);
  input.focus();
}

/** Clears every message and field error (not the code hint, which describes the challenge). */
function quiet(): void {
  for (const id of ['message', 'alert', 'phone-error', 'code-error']) put($(id), undefined);
  for (const input of [phoneInput, codeInput]) {
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', `${input.id}-hint`);
  }
}

/** Disables a form's buttons while its call runs, so a double click sends one SMS. */
async function busy(form: HTMLFormElement, work: () => Promise<void>): Promise<void> {
  const buttons = [...form.querySelectorAll('button')].filter((button) => !button.disabled);
  for (const button of buttons) button.disabled = true;
  try {
    await work();
  } catch (error) {
    const { restart } = describeError(error, lang);
    quiet();
    if (restart) show('phone');
    say((l) => describeError(error, l).text, 'error');
  } finally {
    for (const button of buttons) button.disabled = false;
    updateResend();
  }
}

async function next(step: SignInStep, after: 'start' | 'answer' | 'resend'): Promise<void> {
  if (step.kind === 'signed-in') return showSignedIn();
  challenge = step.challenge;
  codeInput.value = '';
  if (challenge.codeLength) codeInput.maxLength = challenge.codeLength;
  else codeInput.removeAttribute('maxlength');
  // The pool shows no number (it would tell who has an account): the page shows the one typed.
  const { codeLength } = challenge;
  const phone = typedPhone;
  put($('code-hint'), (l) => WORDS[l].codeSent(phone, codeLength));
  resendAt = challenge.resendInSeconds === undefined ? undefined : Date.now() + challenge.resendInSeconds * 1000;
  quiet();
  show('code');
  startTicker();
  if (after === 'answer') {
    const left = challenge.attemptsLeft;
    return fieldError(codeInput, (l) => WORDS[l].wrongCode(left));
  }
  const words = deliveryWords(challenge, lang, after);
  const current = challenge;
  say((l) => deliveryWords(current, l, after).text, words.kind);
}

/** The resend button: hidden when the backend sends no `resendInSeconds`, counting down while the wait lasts. */
function updateResend(): void {
  if (resendAt === undefined || steps.code.hidden) {
    resendButton.hidden = true;
    return;
  }
  const seconds = Math.max(0, Math.ceil((resendAt - Date.now()) / 1000));
  resendButton.hidden = false;
  resendButton.textContent = WORDS[lang].resend(seconds);
  resendButton.disabled = seconds > 0 || steps.code.querySelector('button[type=submit]')?.hasAttribute('disabled') === true;
  if (seconds === 0) stopTicker();
}

function startTicker(): void {
  stopTicker();
  updateResend();
  if (resendAt !== undefined) ticker = setInterval(updateResend, 250);
}

function stopTicker(): void {
  if (ticker !== undefined) clearInterval(ticker);
  ticker = undefined;
}

async function showSignedIn(): Promise<void> {
  const { tokens } = await fetchAuthSession();
  const claims = tokens?.idToken?.payload ?? {};
  const who = String(claims.phone_number ?? claims['cognito:username']);
  signedInAs = (l) => WORDS[l].signedInAs(who);
  $('signed-in-as').textContent = signedInAs(lang);
  $('claims').replaceChildren(
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
  $('signed-in-as').focus(); // the result, so a screen reader reads it and keyboard users start from it
}

/** Digits from any keyboard: full-width ones (０-９) become ASCII before the shape check. */
const asciiDigits = (text: string) => text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

steps.phone.addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(steps.phone, async () => {
    quiet();
    const result = normalizePhone(phoneInput.value, countrySelect.value as CountryCode);
    // Refused here, in words, before any request: nothing is signed up and no SMS is sent.
    if (!result.ok) return fieldError(phoneInput, (l) => WORDS[l].phoneProblem[result.problem]);
    typedPhone = phoneInput.value.trim();
    await next(await startSignIn(result.e164), 'start');
  });
});

steps.code.addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(steps.code, async () => {
    const code = asciiDigits(codeInput.value).replace(/[\s-]/g, '');
    const digits = challenge.codeLength;
    // A malformed code would still cost an attempt at the pool, so it is caught here.
    if (!/^\d+$/.test(code) || (digits && code.length !== digits)) return fieldError(codeInput, (l) => WORDS[l].badCodeShape(digits));
    await next(await answerChallenge(code), 'answer');
  });
});

resendButton.addEventListener('click', () => {
  void busy(steps.code, async () => next(await resendCode(), 'resend'));
});

$('restart').addEventListener('click', () => {
  quiet();
  show('phone');
});

$('sign-out').addEventListener('click', async () => {
  await signOut();
  show('phone');
  say((l) => WORDS[l].signedOut);
});

$('lang-switch').addEventListener('click', () => applyLanguage(lang === 'ko' ? 'en' : 'ko'));

function fillCountries(): void {
  const selected = countrySelect.value || DEFAULT_COUNTRY;
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  const options = countryCallingCodes()
    .map(({ country, callingCode }) => ({ country, label: `${names.of(country) ?? country} (+${callingCode})` }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  countrySelect.replaceChildren(...options.map(({ country, label }) => new Option(label, country, false, country === selected)));
}

function applyLanguage(next: Lang): void {
  lang = next;
  document.documentElement.lang = lang;
  const text = WORDS[lang].page;
  document.title = text.title;
  for (const element of document.querySelectorAll<HTMLElement>('[data-t]')) element.textContent = text[element.dataset.t as keyof typeof text];
  $('lang-switch').setAttribute('lang', lang === 'ko' ? 'en' : 'ko');
  fillCountries();
  for (const [element, render] of shown) element.textContent = render(lang);
  if (signedInAs) $('signed-in-as').textContent = signedInAs(lang);
  updateResend();
}

async function start(): Promise<void> {
  applyLanguage(lang);
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
