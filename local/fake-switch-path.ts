/** The fake provider's switch, served by local/http.ts and used by the demo page: `{"mode":"works"|"refuse"|"unreachable"|"timeout"}`. */
export const FAKE_SWITCH_PATH = '/playground/fake-provider';
