/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The demo page: the drop-in SmsSignIn (cognito-sms-otp/react) against the local pool, through Amplify v6 as an app would.
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser, signOut } from 'aws-amplify/auth';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { nationalPhone } from '../../src/client/explain-error';
import { type Lang, pickLanguage, WORDS } from '../../src/client/words';
import { SmsSignIn } from '../../src/react/sms-sign-in';
import type { SignedInPhone } from '../../src/react/use-sms-sign-in';
import { FAKE_SWITCH_PATH } from '../fake-switch-path';
import { PAGE, type PageText } from './messages';

interface PoolConfig {
  endpoint: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
}

type Claims = Record<string, unknown>;
type View = { kind: 'loading' } | { kind: 'sign-in'; signedOut: boolean } | { kind: 'signed-in'; phone: string; claims: Claims };

const browserLang = (): Lang => pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);

async function idClaims(): Promise<Claims> {
  const { tokens } = await fetchAuthSession();
  return tokens?.idToken?.payload ?? {};
}

function App({ pool }: { pool: PoolConfig }): ReactNode {
  const [lang, setLang] = useState<Lang>(browserLang);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const text = PAGE[lang];
  const words = WORDS[lang];

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = text.title;
  }, [lang, text]);

  // A session kept by Amplify from an earlier visit: shown as signed in, the number as people write it.
  useEffect(() => {
    getCurrentUser()
      .then(async () => {
        const claims = await idClaims();
        setView({ kind: 'signed-in', phone: nationalPhone(String(claims.phone_number ?? '')), claims });
      })
      .catch(() => setView({ kind: 'sign-in', signedOut: false }));
  }, []);

  const signedIn = async (phone: SignedInPhone) => setView({ kind: 'signed-in', phone: phone.typed, claims: await idClaims() });

  return (
    <main>
      <div className="top">
        <h1>{text.heading}</h1>
        <button type="button" className="secondary lang-switch" lang={text.switchLang} onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>
          {text.switchTo}
        </button>
      </div>
      <p className="sub">{text.intro}</p>
      <section>
        {view.kind === 'sign-in' && (
          <>
            <SmsSignIn lang={lang} onSignedIn={(phone) => void signedIn(phone)} />
            {view.signedOut && (
              <p className="message info" role="status">
                {words.signedOut}
              </p>
            )}
          </>
        )}
        {view.kind === 'signed-in' && (
          <SignedIn
            lang={lang}
            phone={view.phone}
            claims={view.claims}
            onSignOut={() => void signOut().then(() => setView({ kind: 'sign-in', signedOut: true }))}
          />
        )}
      </section>
      <FakeProviderSwitch lang={lang} />
      <footer>
        {text.pool} {pool.userPoolId} · {text.client} {pool.userPoolClientId} · {pool.endpoint}
      </footer>
    </main>
  );
}

type FakeMode = keyof PageText['fakeModes'];

/** The fake provider's failure switch (local/fake-switch.ts), shown only when the playground runs the fake. */
function FakeProviderSwitch({ lang }: { lang: Lang }): ReactNode {
  const [mode, setMode] = useState<FakeMode | undefined>();
  useEffect(() => {
    fetch(FAKE_SWITCH_PATH)
      .then(async (res) => (res.ok ? setMode(((await res.json()) as { mode: FakeMode }).mode) : undefined))
      .catch(() => undefined);
  }, []);
  if (mode === undefined) return null;
  const text = PAGE[lang];
  const choose = async (next: FakeMode) => {
    const res = await fetch(FAKE_SWITCH_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: next }) });
    if (res.ok) setMode(((await res.json()) as { mode: FakeMode }).mode);
  };
  return (
    <p className="sub" data-part="fake-switch">
      <label>
        {text.fakeSwitch}{' '}
        <select name="fake-mode" value={mode} onChange={(event) => void choose(event.target.value as FakeMode)}>
          {(Object.keys(text.fakeModes) as FakeMode[]).map((one) => (
            <option key={one} value={one}>
              {text.fakeModes[one]}
            </option>
          ))}
        </select>
      </label>
    </p>
  );
}

function SignedIn(props: { lang: Lang; phone: string; claims: Claims; onSignOut: () => void }): ReactNode {
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []); // the result, so a screen reader reads it and keyboard users start from it
  const words = WORDS[props.lang];
  return (
    <div data-part="signed-in">
      <p ref={heading} className="signed-in" tabIndex={-1}>
        {words.signedInAs(props.phone)}
      </p>
      <p className="label">{PAGE[props.lang].claims}</p>
      <table id="claims">
        <tbody>
          {Object.entries(props.claims).map(([name, value]) => (
            <tr key={name}>
              <th>{name}</th>
              <td>
                {['exp', 'iat', 'auth_time'].includes(name) ? `${String(value)} (${new Date(Number(value) * 1000).toISOString()})` : JSON.stringify(value)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="secondary" onClick={props.onSignOut}>
        {words.form.signOut}
      </button>
    </div>
  );
}

async function start(): Promise<void> {
  const pool = (await (await fetch('/config.json')).json()) as PoolConfig;
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool.userPoolId, userPoolClientId: pool.userPoolClientId, userPoolEndpoint: pool.endpoint } } });
  createRoot(document.getElementById('root') as HTMLElement).render(<App pool={pool} />);
}

void start();
