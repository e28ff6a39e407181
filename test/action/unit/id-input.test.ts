// The `id` input: it names the job in headings, so it must be one short line.
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/action/input-error.js';
import { getInputs } from '../../../src/action/inputs.js';
import { actionMetadata, inputVariable } from '../support/run-action.js';

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

function setInputs(overrides: Record<string, string> = {}): void {
  for (const [name, input] of Object.entries(actionMetadata().inputs)) {
    const fallback = input.default === '${{ github.token }}' ? 'ghs_token_for_tests' : (input.default ?? '');
    process.env[inputVariable(name)] = overrides[name] ?? fallback;
  }
}

describe('the id input', () => {
  it('is optional, and read as written (without surrounding blanks)', () => {
    setInputs();
    expect(getInputs().id).toBeUndefined();
    setInputs({ id: '  gpt-4o · support  ' });
    expect(getInputs().id).toBe('gpt-4o · support');
  });

  it('refuses several lines or more than 100 characters, saying what is expected', () => {
    setInputs({ id: 'one\ntwo' });
    expect(() => getInputs()).toThrow(InputError);
    expect(() => getInputs()).toThrow('input "id" must be one line of at most 100 characters');
    setInputs({ id: 'x'.repeat(101) });
    expect(() => getInputs()).toThrow('input "id" must be one line of at most 100 characters');
  });
});
