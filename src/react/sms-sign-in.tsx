/// <reference lib="dom" />
/**
 * A drop-in sign-in form over useSmsSignIn: unstyled and accessible. Every element has a `data-part` to theme by
 * (`[data-part=code-input]`, …), labels are tied to their fields, problems are announced (role=alert) and tied to
 * the field they concern (aria-describedby), news is a status, and the validity is a timer (not announced each second).
 */
import { type FormEvent, type InputHTMLAttributes, type ReactNode, type RefObject, useEffect, useId, useMemo, useRef, useState } from 'react';
import { nationalPhone } from '../client/explain-error';
import { type CountryCode, countryCallingCodes, DEFAULT_COUNTRY } from '../client/phone';
import { clock, type Lang } from '../client/words';
import { codeFromTyped } from './code-input';
import { type SignedInPhone, type SignInCalls, useSmsSignIn } from './use-sms-sign-in';

export interface SmsSignInProps {
  readonly lang?: Lang;
  readonly defaultCountry?: CountryCode;
  readonly className?: string;
  readonly calls?: SignInCalls;
  readonly onSignedIn?: (phone: SignedInPhone) => void;
  /** Shown under "signed in as …" once signed in, e.g. a sign-out button. */
  readonly children?: ReactNode;
}

export function SmsSignIn(props: SmsSignInProps): ReactNode {
  const lang = props.lang ?? 'en';
  const flow = useSmsSignIn({ lang, calls: props.calls, onSignedIn: props.onSignedIn });
  const { words, notice, step } = flow;
  const id = useId();
  const ids = { country: `${id}country`, phone: `${id}phone`, phoneHint: `${id}phone-hint`, code: `${id}code`, timer: `${id}timer`, error: `${id}error` };
  const [country, setCountry] = useState<CountryCode>(props.defaultCountry ?? DEFAULT_COUNTRY);
  const [typedPhone, setTypedPhone] = useState('');
  const [code, setCode] = useState('');
  const phoneInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const resendButton = useRef<HTMLButtonElement>(null);
  const signedIn = useRef<HTMLParagraphElement>(null);
  const countries = useCountries(lang);
  const fieldError = notice?.field && notice.tone === 'error' ? notice : undefined;
  const general = notice && !notice.field ? notice : undefined;
  const resendReady = !flow.busy && flow.resendInSeconds === 0;

  // Focus follows the step: the number, the code when there is one to type (else the resend), the result.
  useEffect(() => {
    if (step === 'phone') phoneInput.current?.focus();
    if (step === 'signed-in') signedIn.current?.focus();
  }, [step]);
  const round = flow.codeLive ? 'live' : 'none';
  useEffect(() => {
    if (step !== 'code') return;
    if (round === 'live') codeInput.current?.focus();
    else resendButton.current?.focus();
  }, [step, round, flow.codeRound]);
  // A new code starts with an empty field; a wrong code stays in it, selected, to be typed over.
  useEffect(() => setCode(''), [step, flow.codeRound]);
  useEffect(() => {
    if (flow.wrongAnswers === 0) return;
    codeInput.current?.focus();
    codeInput.current?.select();
  }, [flow.wrongAnswers]);
  useEffect(() => {
    if (fieldError?.field === 'phone') phoneInput.current?.focus();
  }, [fieldError]);

  const submit = (work: () => Promise<void>) => (event: FormEvent) => {
    event.preventDefault();
    void work();
  };
  /** A labelled input, tied to its hint and, when it has one, its problem. */
  const field = (name: 'phone' | 'code', ref: RefObject<HTMLInputElement | null>, hint: string, input: InputHTMLAttributes<HTMLInputElement>) => (
    <>
      <label htmlFor={ids[name]} data-part="label">
        {words.form[name]}
      </label>
      <input
        ref={ref}
        id={ids[name]}
        data-part={`${name}-input`}
        aria-invalid={fieldError?.field === name || undefined}
        aria-describedby={[hint, fieldError?.field === name && ids.error].filter(Boolean).join(' ')}
        {...input}
      />
    </>
  );
  const errorLine = fieldError && (
    <p id={ids.error} data-part="field-error" role="alert">
      {fieldError.text}
    </p>
  );

  return (
    <div className={props.className} data-part="root" data-step={step}>
      {step === 'phone' && (
        <form data-part="phone-form" noValidate onSubmit={submit(() => flow.submitPhone(typedPhone, country))}>
          <label htmlFor={ids.country} data-part="label">
            {words.form.country}
          </label>
          <select
            id={ids.country}
            data-part="country"
            autoComplete="tel-country-code"
            value={country}
            onChange={(e) => setCountry(e.target.value as CountryCode)}
          >
            {countries.map(({ country: value, label }) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {field('phone', phoneInput, ids.phoneHint, {
            type: 'tel',
            autoComplete: 'tel',
            placeholder: '010-1234-5678',
            value: typedPhone,
            onChange: (e) => setTypedPhone(e.target.value),
          })}
          <button type="submit" data-part="send" disabled={flow.busy}>
            {words.form.send}
          </button>
          <p id={ids.phoneHint} data-part="hint">
            {words.form.phoneHint}
          </p>
          {fieldError?.field === 'phone' && errorLine}
        </form>
      )}
      {step === 'code' && (
        <form data-part="code-form" noValidate onSubmit={submit(() => flow.submitCode(code))}>
          {(flow.codeLive || flow.expiresInSeconds === 0) && (
            <>
              {field('code', codeInput, ids.timer, {
                inputMode: 'numeric',
                autoComplete: 'one-time-code',
                value: code,
                onChange: (e) => setCode(codeFromTyped(e.target.value, flow.codeLength)),
              })}
              <button type="submit" data-part="verify" disabled={flow.busy || !flow.codeLive}>
                {words.form.verify}
              </button>
              {flow.expiresInSeconds !== undefined && (
                <p id={ids.timer} data-part="validity" role="timer">
                  {words.form.validity(clock(flow.expiresInSeconds))}
                </p>
              )}
            </>
          )}
          {fieldError?.field === 'code' && errorLine}
          <p data-part="actions">
            {flow.resendInSeconds !== undefined && (
              // aria-disabled, not disabled, while the wait lasts: the button keeps focus, and a screen reader finds it.
              <button ref={resendButton} type="button" data-part="resend" aria-disabled={!resendReady} onClick={() => void (resendReady && flow.resend())}>
                {words.form.resend(flow.resendInSeconds)}
              </button>
            )}
            <button type="button" data-part="restart" onClick={flow.restart}>
              {words.form.restart}
            </button>
          </p>
        </form>
      )}
      {step === 'signed-in' && flow.phone && (
        <div data-part="signed-in">
          <p ref={signedIn} data-part="signed-in-as" tabIndex={-1}>
            {words.signedInAs(flow.phone.typed || nationalPhone(flow.phone.e164))}
          </p>
          {props.children}
        </div>
      )}
      <p data-part="alert" role="alert" hidden={general?.tone !== 'error'}>
        {general?.tone === 'error' ? general.text : ''}
      </p>
      <p data-part="status" role="status" hidden={general?.tone !== 'info'}>
        {general?.tone === 'info' ? general.text : ''}
      </p>
    </div>
  );
}

/** Every country with its calling code, named in `lang` and sorted as that language sorts. */
function useCountries(lang: Lang): readonly { readonly country: CountryCode; readonly label: string }[] {
  return useMemo(() => {
    const names = new Intl.DisplayNames([lang], { type: 'region' });
    return countryCallingCodes()
      .map(({ country, callingCode }) => ({ country, label: `${names.of(country) ?? country} (+${callingCode})` }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));
  }, [lang]);
}
