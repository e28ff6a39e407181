import { describe, expect, it } from 'vitest';
import { matchChoice, readRating, readRubricVerdict } from '../../src/grade/verdicts.js';

describe('readRubricVerdict', () => {
  it('reads a well-formed verdict, trimming the reason', () => {
    expect(readRubricVerdict('{"reason":" Names the policy. ","pass":true,"score":0.9}')).toEqual({
      ok: true,
      value: { pass: true, score: 0.9, reason: 'Names the policy.' },
    });
  });

  it('accepts a verdict wrapped in a ```json fence, as endpoints without structured output send it', () => {
    expect(readRubricVerdict('```json\n{"reason":"ok","pass":false,"score":0}\n```')).toEqual({ ok: true, value: { pass: false, score: 0, reason: 'ok' } });
  });

  it.each([
    ['Sure! It passes.', 'it is not JSON'],
    ['[true, 1]', 'it is not a JSON object'],
    ['{"reason":"x","pass":"yes","score":1}', 'it has no true/false "pass"'],
    ['{"reason":"x","pass":true,"score":7}', 'its "score" must be a number from 0 to 1, got 7'],
    ['{"reason":"x","pass":true}', 'its "score" must be a number from 0 to 1, got nothing'],
    ['{"pass":true,"score":1}', 'it has no "reason" text'],
  ])('calls %j garbage: %s', (answer, problem) => {
    const read = readRubricVerdict(answer);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toContain(`the judge's answer is not a usable verdict: ${problem}`);
  });

  it('quotes a long garbage answer on one line, cut short', () => {
    const read = readRubricVerdict(`I think\n\nit ${'is fine '.repeat(40)}`);
    expect(!read.ok && read.reason).toBe(
      `the judge's answer is not a usable verdict: it is not JSON ("I think it ${'is fine '.repeat(40).slice(0, 120 - 'I think it '.length)}…")`,
    );
  });

  it('says so when the answer is empty', () => {
    expect(readRubricVerdict('  ')).toEqual({ ok: false, reason: "the judge's answer is not a usable verdict: it is not JSON (an empty answer)" });
  });
});

describe('readRating', () => {
  it('reads a rating from 1 to 5', () => {
    expect(readRating('{"reason":"clear","rating":4}')).toEqual({ ok: true, value: { rating: 4, reason: 'clear' } });
  });

  it.each([['{"reason":"x","rating":0}'], ['{"reason":"x","rating":6}'], ['{"reason":"x","rating":3.5}'], ['{"reason":"x","rating":"4"}']])(
    'refuses %s',
    (answer) => {
      const read = readRating(answer);
      expect(!read.ok && read.reason).toMatch(/its "rating" must be a whole number from 1 to 5/);
    },
  );
});

describe('matchChoice', () => {
  const stars = ['1', '2', '3', '4', '5'].map((choice, index) => ({ choice, score: index / 4 }));
  const words = [
    { choice: 'good', score: 1 },
    { choice: 'not good', score: 0 },
  ];

  it('takes a bare answer, ignoring case, quotes and a trailing full stop', () => {
    expect(matchChoice(' "Good." ', words)).toEqual({ ok: true, value: { choice: 'good', score: 1 } });
  });

  it('takes the last line when the judge reasoned first, also after a "Score:" label', () => {
    expect(matchChoice('Step 1: it covers 2 of 3 points.\nScore: 4', stars)).toEqual({ ok: true, value: { choice: '4', score: 0.75 } });
  });

  it('does not read "not good" as "good", which GitHub did', () => {
    expect(matchChoice('not good', words)).toEqual({ ok: true, value: { choice: 'not good', score: 0 } });
  });

  it('never guesses from a choice mentioned inside a sentence: "not good" is not "good"', () => {
    for (const answer of ['I would rate this a 3, overall', 'The response is not good.', 'between 2 and 3']) {
      const read = matchChoice(answer, answer.includes('good') ? words : stars);
      expect(read.ok, answer).toBe(false);
    }
    const none = matchChoice('excellent', stars);
    expect(!none.ok && none.reason).toBe(
      `the judge's answer is not a usable verdict: it is not one of the choices "1", "2", "3", "4", "5", alone or on its last line ("excellent")`,
    );
  });
});
