import { describe, expect, it } from 'vitest';
import { readPlaygroundSettings } from '../../local/settings';

const ENDPOINT = 'http://127.0.0.1:8787';

describe("the playground's own settings", () => {
  it('lets any page call when the provider is the fake, which sends nothing', () => {
    expect(readPlaygroundSettings({ OTP_PROVIDER: 'fake' }, ENDPOINT).corsOrigins).toBe('*');
  });

  it('lets only its own page and the listed origins call when a real provider sends SMS', () => {
    // Act
    const { corsOrigins } = readPlaygroundSettings(
      { OTP_PROVIDER: 'sns', PLAYGROUND_CORS_ORIGINS: 'http://localhost:5173, https://dev.example.com' },
      ENDPOINT,
    );

    // Assess
    expect(corsOrigins).toEqual(new Set([ENDPOINT, 'http://localhost:8787', 'http://localhost:5173', 'https://dev.example.com']));
  });

  it.each(['localhost:5173', 'http://localhost:5173/', 'ftp://files.example'])('refuses PLAYGROUND_CORS_ORIGINS=%s, naming it', (origin) => {
    expect(() => readPlaygroundSettings({ OTP_PROVIDER: 'easyauth', PLAYGROUND_CORS_ORIGINS: origin }, ENDPOINT)).toThrow(
      `PLAYGROUND_CORS_ORIGINS has "${origin}"`,
    );
  });

  it('takes the auth session validity the stack takes: 3 to 15 minutes, 3 by default', () => {
    expect(readPlaygroundSettings({ OTP_PROVIDER: 'fake' }, ENDPOINT).sessionMinutes).toBe(3);
    expect(readPlaygroundSettings({ OTP_PROVIDER: 'fake', AUTH_SESSION_MINUTES: '15' }, ENDPOINT).sessionMinutes).toBe(15);
    expect(() => readPlaygroundSettings({ OTP_PROVIDER: 'fake', AUTH_SESSION_MINUTES: '2' }, ENDPOINT)).toThrow(
      'AUTH_SESSION_MINUTES is "2": it accepts a whole number from 3 to 15',
    );
  });
});
