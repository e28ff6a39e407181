// The runner's network and the echo model as the Action reads them: the same proxy variables the CLI
// honours, and `model: echo` needing no key.
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/action/input-error.js';
import { getInputs } from '../../../src/action/inputs.js';
import { resolveEngineSettings } from '../../../src/action/run-settings.js';
import { actionMetadata, inputVariable } from '../support/run-action.js';

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

function inputsWith(overrides: Record<string, string>) {
  for (const [name, input] of Object.entries(actionMetadata().inputs)) {
    const fallback = input.default === '${{ github.token }}' ? 'ghs_token_for_tests' : (input.default ?? '');
    process.env[inputVariable(name)] = overrides[name] ?? fallback;
  }
  return getInputs();
}

describe('the Action’s network and echo settings', () => {
  it('routes the endpoints through HTTPS_PROXY, with NO_PROXY, as the CLI does', () => {
    const settings = resolveEngineSettings(inputsWith({ 'api-key': 'sk-test-0123456789' }), {}, '/work', { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'localhost' });
    expect(settings.proxy).toEqual({ httpsProxy: 'http://proxy.corp:3128', noProxy: 'localhost' });
  });

  it('refuses a SOCKS proxy before any call, naming the variable and not its value', () => {
    const read = () => resolveEngineSettings(inputsWith({ 'api-key': 'sk-test-0123456789' }), {}, '/work', { HTTPS_PROXY: 'socks5://user:secret@proxy.corp:1080' });
    expect(read).toThrow(InputError);
    expect(read).toThrow(/HTTPS_PROXY/);
    expect(read).not.toThrow(/secret/);
  });

  it('needs no key for model: echo, and still needs one for OpenAI otherwise', () => {
    expect(resolveEngineSettings(inputsWith({ 'api-key': '', model: 'echo' }), {}, '/work', {}).missingApiKey).toBe(false);
    expect(resolveEngineSettings(inputsWith({ 'api-key': '' }), {}, '/work', {}).missingApiKey).toBe(true);
  });
});
