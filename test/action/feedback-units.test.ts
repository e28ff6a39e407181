// The pure decisions behind the Action's suggestions: what a comment asks, who may ask, which test
// a failure comment is about, and where a suggestion can go on GitHub.
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/action/input-error.js';
import { getSuggestInputs } from '../../src/action/inputs.js';
import { actionMetadata, inputVariable } from './support/run-action.js';
import { canWrite } from '../../src/github/permission.js';
import { critiqueOfReply, parseCommand } from '../../src/action/comments/command.js';
import { testOfFinding } from '../../src/action/comments/finding-target.js';
import { carriesPromptgateMarker } from '../../src/action/comments/markers.js';
import { placeSuggestion, threadLinesOf } from '../../src/action/comments/placement.js';
import { parsePatch } from '../../src/review/diff.js';
import { loadSuite } from '../../src/suite/load.js';

describe('parseCommand', () => {
  it('reads the trigger word only at the start, in any case, and the verb where it is required', () => {
    expect(parseCommand('  /PromptGate suggest  say sorry ', '/promptgate', { verbRequired: true })).toEqual({ kind: 'suggest', critique: 'say sorry' });
    expect(parseCommand('/promptgate say sorry', '/promptgate', { verbRequired: true })).toEqual({ kind: 'unknown', word: 'say' });
    expect(parseCommand('/promptgate say sorry', '/promptgate', { verbRequired: false })).toEqual({ kind: 'suggest', critique: 'say sorry' });
    expect(parseCommand('/promptgate', '/promptgate', { verbRequired: false })).toEqual({ kind: 'suggest', critique: '' });
    expect(parseCommand('/promptgates suggest x', '/promptgate', { verbRequired: true })).toEqual({ kind: 'none' });
    expect(parseCommand('as I said, /promptgate suggest x', '/promptgate', { verbRequired: true })).toEqual({ kind: 'none' });
  });

  it('drops quoted lines from a critique and unwraps an explicit command in a reply', () => {
    expect(critiqueOfReply('> **New failure**: "angry customer" fails\n\nIt should apologise.', '/promptgate')).toBe('It should apologise.');
    expect(critiqueOfReply('/promptgate suggest shorter, please', '/promptgate')).toBe('shorter, please');
  });

  it('recognises promptgate’s own markers', () => {
    expect(carriesPromptgateMarker('text\n\n<!-- promptgate:finding fp=0a1b -->')).toBe(true);
    expect(carriesPromptgateMarker('<!--promptgate:suggestion-->')).toBe(true);
    expect(carriesPromptgateMarker('I like promptgate: it works')).toBe(false);
  });
});

describe('canWrite', () => {
  it('accepts write, maintain and admin, and judges custom roles by their legacy level', () => {
    expect(canWrite({ role: 'maintain', permission: 'write' })).toBe(true);
    expect(canWrite({ role: 'admin', permission: 'admin' })).toBe(true);
    expect(canWrite({ role: 'write', permission: 'write' })).toBe(true);
    expect(canWrite({ role: 'triage', permission: 'read' })).toBe(false);
    expect(canWrite({ role: 'read', permission: 'read' })).toBe(false);
    expect(canWrite({ role: 'none', permission: 'none' })).toBe(false);
    expect(canWrite({ role: 'release-manager', permission: 'write' })).toBe(true);
    expect(canWrite({ role: 'auditor', permission: 'read' })).toBe(false);
  });
});

describe('testOfFinding', () => {
  const text = [
    'name: Tricky names',
    'model: m',
    'messages:',
    '  - role: user',
    '    content: "{{q}}"',
    'tests:',
    '  - name: "refund *window* [v2] #12"',
    '    vars: { q: a }',
    '  - name: plain',
    '    vars: { q: b }',
    '',
  ].join('\n');
  const suite = loadSuite('p.prompt.yaml', text).suite!;

  it('matches the heading’s quoted name, escaping and all', () => {
    const body = '**Regression**: "refund \\*window\\* \\[v2\\] #\u200D12" fails now, passed on the base branch\n\n`p.prompt.yaml:7` · Tricky names';
    expect(testOfFinding(body, suite)?.name).toBe('refund *window* [v2] #12');
  });

  it('falls back to the location line when the name no longer matches', () => {
    const body = '**Still failing**: "old name" fails, as it did on the base branch\n\n`p.prompt.yaml:9` · Tricky names';
    expect(testOfFinding(body, suite)?.name).toBe('plain');
    expect(testOfFinding('**Errored**: "gone" could not be evaluated\n\n`p.prompt.yaml:3`', suite)).toBeUndefined();
  });
});

describe('placeSuggestion', () => {
  // New-file lines 3–6 in one hunk, 20–22 in another.
  const patch = parsePatch('@@ -3,3 +3,4 @@\n a\n-b\n+B\n+C\n d\n@@ -18,3 +20,3 @@\n x\n-y\n+Y\n z');

  it('replies in the thread when the edit lies within its lines', () => {
    expect(placeSuggestion({ start: 4, end: 5 }, { startLine: 3, endLine: 6 }, patch)).toEqual({ kind: 'thread', startLine: 3, endLine: 6 });
  });

  it('goes to a new comment on the edited lines when they are in one hunk, else to a diff', () => {
    expect(placeSuggestion({ start: 21, end: 21 }, { startLine: 3, endLine: 6 }, patch)).toEqual({ kind: 'new-comment', startLine: 21, endLine: 21 });
    expect(placeSuggestion({ start: 5, end: 21 }, undefined, patch)).toEqual({ kind: 'diff' });
    expect(placeSuggestion({ start: 10, end: 10 }, undefined, patch)).toEqual({ kind: 'diff' });
    expect(placeSuggestion({ start: 4, end: 4 }, undefined, undefined)).toEqual({ kind: 'diff' });
    expect(placeSuggestion({ start: 1, end: 0 }, { startLine: 1, endLine: 1 }, patch)).toEqual({ kind: 'diff' });
  });

  it('gives no thread lines for outdated, file-level or base-side comments', () => {
    const comment = { line: 14, startLine: 13, side: 'RIGHT', startSide: 'RIGHT', subjectType: 'line' };
    expect(threadLinesOf(comment)).toEqual({ startLine: 13, endLine: 14 });
    expect(threadLinesOf({ ...comment, startLine: null, startSide: null })).toEqual({ startLine: 14, endLine: 14 });
    expect(threadLinesOf({ ...comment, line: null })).toBeUndefined();
    expect(threadLinesOf({ ...comment, side: 'LEFT' })).toBeUndefined();
    expect(threadLinesOf({ ...comment, startSide: 'LEFT' })).toBeUndefined();
    expect(threadLinesOf({ ...comment, subjectType: 'file' })).toBeUndefined();
  });
});

describe('getSuggestInputs', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  function setInputs(overrides: Record<string, string> = {}): void {
    for (const [name, input] of Object.entries(actionMetadata().inputs)) process.env[inputVariable(name)] = overrides[name] ?? input.default ?? '';
  }

  it('reads action.yml defaults', () => {
    setInputs();
    expect(getSuggestInputs()).toEqual({ trigger: '/promptgate', candidates: 3, budget: 100, editorModel: undefined });
  });

  it('refuses a trigger with spaces and too many candidates, saying what is allowed', () => {
    setInputs({ trigger: '/prompt gate' });
    expect(() => getSuggestInputs()).toThrow(new InputError('input "trigger" is "/prompt gate"; expected one word such as /promptgate'));
    setInputs({ 'suggest-candidates': '11' });
    expect(() => getSuggestInputs()).toThrow(/expected at most 10/);
    setInputs({ 'suggest-budget': '0' });
    expect(() => getSuggestInputs()).toThrow('input "suggest-budget" is "0"; expected a whole number of at least 1');
    setInputs({ 'suggest-budget': '100001' });
    expect(() => getSuggestInputs()).toThrow(new InputError('input "suggest-budget" is 100001; expected at most 100000'));
  });
});
