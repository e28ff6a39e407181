// The promptfoo importer on small configs held in memory: the written YAML is compared with files
// written by hand, and every approximation, drop and refusal names its file and line.
import { describe, expect, it } from 'vitest';
import { importSource } from '../../src/import/import-source.js';
import type { ImportOutcome, SourceFiles } from '../../src/import/types.js';

function memory(files: Record<string, string>): SourceFiles {
  return {
    read: async (path) => files[path],
    isDirectory: async (path) => Object.keys(files).some((name) => name.startsWith(`${path}/`)),
  };
}

async function importOk(files: Record<string, string>, source = '/p/promptfooconfig.yaml') {
  const outcome: ImportOutcome = await importSource(source, memory(files), '/p');
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.refusal)}`);
  return outcome;
}

const HEADER = '# yaml-language-server: $schema=https://raw.githubusercontent.com/promptgate/promptgate/v1/schema/promptgate.schema.json\n';

describe('promptfoo configs', () => {
  it('writes one prompt file with promptfoo\'s sampling defaults spelled out', async () => {
    const outcome = await importOk({
      '/p/promptfooconfig.yaml': [
        'description: Greeter',
        'prompts:',
        '  - "Say hello to {{name}}"',
        'providers:',
        '  - openai:chat:gpt-4o-mini',
        'tests:',
        '  - description: plain',
        '    vars: { name: Ada }',
        '    assert:',
        '      - type: icontains',
        '        value: ada',
        '      - type: not-contains',
        '        value: goodbye',
        '',
      ].join('\n'),
    });
    expect(outcome.files.map((file) => file.path)).toEqual(['greeter.prompt.yaml']);
    expect(outcome.files[0]!.text).toBe(
      HEADER +
        [
          '# Imported from promptfooconfig.yaml by `promptgate import`.',
          '# Comments below mark what was approximated; the import report lists what was dropped.',
          '',
          'name: Greeter',
          'model: gpt-4o-mini',
          "# promptfoo's defaults (temperature 0, max_tokens 1024) written out where the config left them unset",
          'modelParameters:',
          '  temperature: 0',
          '  maxTokens: 1024',
          'messages:',
          '  - role: user',
          '    content: Say hello to {{name}}',
          'tests:',
          '  - name: plain',
          '    vars:',
          '      name: Ada',
          '    assert:',
          '      - icontains: ada',
          '      - not-contains: goodbye',
          '',
        ].join('\n'),
    );
    expect(outcome.notes.filter((note) => note.kind !== 'converted')).toEqual([]);
  });

  it('sends reasoning models neither temperature nor a token limit, as promptfoo does', async () => {
    const outcome = await importOk({
      '/p/promptfooconfig.yaml': 'prompts: ["Hi {{x}}"]\nproviders: [openai:o4-mini]\ntests: [{vars: {x: 1}, assert: [{type: equals, value: "ok"}]}]\n',
    });
    expect(outcome.files[0]!.text).toContain("# promptfoo sends no temperature and no token limit to reasoning models like o4-mini; neither does this file\nmodel: o4-mini\nmessages:");
  });

  it('reads CSV tests with __expected columns, expands array vars, inlines file:// values, and accounts for what it cannot carry', async () => {
    const outcome = await importOk({
      '/p/promptfooconfig.yaml': [
        'prompts:',
        '  - file://prompts.txt',
        'providers:',
        '  - id: openai:chat:gpt-4o',
        '    config: { temperature: 0.3, max_tokens: 50, apiBaseUrl: "http://localhost:9/v1", frequency_penalty: 1 }',
        '  - anthropic:messages:claude-3-5-sonnet',
        'defaultTest:',
        '  vars:',
        '    tone: [warm, curt]',
        'tests:',
        '  - file://cases.csv',
        '  - vars: { city: file://city.txt }',
        '    assert:',
        '      - type: javascript',
        '        value: output.length < 10',
        '      - type: factuality',
        '        value: Paris is in France',
        '',
      ].join('\n'),
      '/p/prompts.txt': 'Answer {{city}} in a {{tone}} way\n---\n[{"role": "system", "content": "Be {{tone}}"}, {"role": "user", "content": "{{city}}"}]\n',
      '/p/city.txt': 'Paris',
      '/p/cases.csv': 'city,__expected,__expected2\nRome,contains:Italy,"similar(0.8):Rome, Italy"\n',
    });
    expect(outcome.files.map((file) => file.path)).toEqual(['p-prompt1.prompt.yaml', 'p-prompt2.prompt.yaml']);
    const second = outcome.files[1]!.text;
    expect(second).toContain('messages:\n  - role: system\n    content: Be {{tone}}\n  - role: user\n    content: "{{city}}"\n');
    expect(second).toContain('modelParameters:\n  temperature: 0.3\n  maxTokens: 50\n');
    // 2 tests × 2 tones.
    expect(outcome.files[1]!.tests).toBe(4);
    expect(second).toContain('  - name: tone=warm\n    vars:\n      tone: warm\n      city: Rome\n    assert:\n      - contains: Italy\n      - type: similar\n        value: Rome, Italy\n        threshold: 0.8\n');
    expect(second).toContain(
      '    vars:\n      tone: curt\n      city: Paris\n    assert:\n      # approximated as llm-rubric',
    );
    const notes = outcome.notes.filter((note) => note.kind !== 'converted').map((note) => `${note.kind} ${note.file.replace('/p/', '')}:${note.line} ${note.what}`);
    expect(notes).toEqual([
      'approximated promptfooconfig.yaml:4 provider config apiBaseUrl',
      'dropped promptfooconfig.yaml:4 provider config frequency_penalty',
      'dropped promptfooconfig.yaml:6 provider anthropic:messages:claude-3-5-sonnet',
      'dropped promptfooconfig.yaml:14 assertion javascript',
      'approximated promptfooconfig.yaml:16 assertion factuality',
    ]);
  });

  it('reports a Nunjucks filter as not converted, at the prompt', async () => {
    const outcome = await importOk({ '/p/promptfooconfig.yaml': 'prompts:\n  - "Hi {{ name | upper }}"\n  - "Hi {{name}}"\nproviders: [openai:gpt-4o]\n' });
    expect(outcome.files).toHaveLength(1);
    expect(outcome.notes.find((note) => note.kind === 'dropped')).toMatchObject({ line: 2, what: 'prompt "Hi {{ name | upper }}"', detail: expect.stringMatching(/Nunjucks filters/) });
  });
});

describe('input that is not what it claims', () => {
  const refusal = async (files: Record<string, string>, source = '/p/promptfooconfig.yaml') => {
    const outcome = await importSource(source, memory(files), '/p');
    if (outcome.ok) throw new Error('imported');
    return outcome.refusal;
  };

  it('refuses an assertion type promptfoo does not have, at its line', async () => {
    expect(await refusal({ '/p/promptfooconfig.yaml': 'prompts: [hi]\ntests:\n  - assert:\n      - type: contans\n        value: x\n' })).toEqual({
      file: '/p/promptfooconfig.yaml',
      line: 4,
      message: 'unknown assertion type "contans": not one of promptfoo\'s assertion types',
    });
  });

  it('refuses an unreadable CSV at the row', async () => {
    expect(await refusal({ '/p/promptfooconfig.yaml': 'prompts: [hi]\ntests: file://t.csv\n', '/p/t.csv': 'a,b\n1,2\n"3,4\n' })).toMatchObject({
      file: '/p/t.csv',
      line: 3,
      message: expect.stringMatching(/unreadable CSV: a quoted field is never closed/),
    });
  });

  it('refuses a Git LFS pointer in place of data', async () => {
    const pointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 12345\n';
    expect(await refusal({ '/p/promptfooconfig.yaml': 'prompts: [hi]\ntests: file://t.yaml\n', '/p/t.yaml': pointer })).toMatchObject({
      file: '/p/t.yaml',
      line: 1,
      message: expect.stringMatching(/Git LFS pointer/),
    });
  });

  it('refuses a file that is none of the formats', async () => {
    expect(await refusal({ '/p/x.yaml': 'name: a prompt file\nmessages: []\n' }, '/p/x.yaml')).toMatchObject({
      file: '/p/x.yaml',
      line: 1,
      message: expect.stringMatching(/none of the formats/),
    });
  });
});
