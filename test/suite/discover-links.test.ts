// Discovery and symbolic links: links that stay inside the project are followed (each file listed
// once), links that leave it are not, with a warning, or an error when the link was named outright.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { discoverPromptFiles } from '../../src/suite/discover.js';

let scratch: string;
/** The project: cwd of every call. */
let project: string;
/** A directory beside it, outside the project. */
let outside: string;

beforeAll(() => {
  // Real paths, so that the messages' paths are predictable where /tmp is itself a link (macOS).
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'promptgate-links-')));
  project = join(scratch, 'project');
  outside = join(scratch, 'outside');
  for (const file of ['project/prompts/a.prompt.yaml', 'project/shared/b.prompt.yaml', 'outside/secret.prompt.yaml', 'outside/more/c.prompt.yaml']) {
    mkdirSync(join(scratch, file, '..'), { recursive: true });
    writeFileSync(join(scratch, file), 'messages: []\n');
  }
  symlinkSync(outside, join(project, 'prompts/elsewhere'));
  symlinkSync(join(outside, 'secret.prompt.yaml'), join(project, 'prompts/leak.prompt.yaml'));
  symlinkSync('../shared', join(project, 'prompts/shared'));
  symlinkSync('..', join(project, 'prompts/up'));
  symlinkSync('loop-b', join(project, 'prompts/loop-a'));
  symlinkSync('loop-a', join(project, 'prompts/loop-b'));
  symlinkSync('/', join(project, '.promptgate'));
  // Outside the project, a directory that links back into it and out elsewhere.
  symlinkSync(join(project, 'shared'), join(outside, 'more/back'));
  symlinkSync(tmpdir(), join(outside, 'more/tmp'));
  symlinkSync(outside, join(scratch, 'outside-link'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const warningFor = (file: string, target: string, what: string) => ({
  file,
  line: 0,
  column: 0,
  severity: 'warning',
  message: `is a link to ${target}, outside the project directory ${project}; promptgate does not follow links out of the project, so ${what}`,
});

describe('links found while searching', () => {
  test('links inside the project are followed, each file listed once; links out of it are not, with a warning', async () => {
    expect(await discoverPromptFiles(['.'], project)).toEqual({
      // prompts/shared/b.prompt.yaml and prompts/up/… are the same files by other names.
      files: ['prompts/a.prompt.yaml', 'shared/b.prompt.yaml'],
      problems: [
        warningFor('prompts/elsewhere', outside, 'nothing under it was searched'),
        warningFor('prompts/leak.prompt.yaml', join(outside, 'secret.prompt.yaml'), 'it was skipped'),
      ],
    });
  });

  test('a glob follows the same rules', async () => {
    expect(await discoverPromptFiles(['prompts/**/*.prompt.yaml'], project)).toEqual({
      files: ['prompts/a.prompt.yaml', 'prompts/shared/b.prompt.yaml'],
      problems: [
        warningFor('prompts/elsewhere', outside, 'nothing under it was searched'),
        warningFor('prompts/leak.prompt.yaml', join(outside, 'secret.prompt.yaml'), 'it was skipped'),
      ],
    });
  });

  test('a glob whose fixed part leads out of the project is not searched', async () => {
    expect(await discoverPromptFiles(['prompts/elsewhere/**/*.prompt.yaml'], project)).toEqual({
      files: [],
      problems: [
        {
          file: 'prompts/elsewhere/**/*.prompt.yaml',
          line: 0,
          column: 0,
          severity: 'warning',
          message: `prompts/elsewhere leads through a link to ${outside}, outside the project directory ${project}; promptgate does not follow links out of the project, so the pattern was not searched`,
        },
      ],
    });
  });
});

describe('paths named outright', () => {
  test('a named link that leads out of the project is an error, and the file is not read', async () => {
    expect(await discoverPromptFiles(['prompts/leak.prompt.yaml', 'prompts/elsewhere'], project)).toEqual({
      files: [],
      problems: ['prompts/leak.prompt.yaml', 'prompts/elsewhere'].map((file) => ({
        file,
        line: 0,
        column: 0,
        severity: 'error',
        message: `leads through a link to ${file.endsWith('.yaml') ? join(outside, 'secret.prompt.yaml') : outside}, outside the project directory ${project}; promptgate does not follow links out of the project: replace the link with what it points to`,
      })),
    });
  });

  test('a directory named outside the project is searched as named: its links may lead back into the project, not elsewhere', async () => {
    expect(await discoverPromptFiles(['../outside/more'], project)).toEqual({
      files: ['../outside/more/back/b.prompt.yaml', '../outside/more/c.prompt.yaml'],
      problems: [warningFor('../outside/more/tmp', realpathSync(tmpdir()), 'nothing under it was searched')],
    });
  });

  test('so is a glob whose fixed part is named outside the project, through a link or not', async () => {
    expect(await discoverPromptFiles(['../outside-link/more/*.prompt.yaml'], project)).toEqual({
      files: ['../outside-link/more/c.prompt.yaml'],
      problems: [],
    });
  });
});
