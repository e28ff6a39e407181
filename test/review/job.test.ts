import { describe, expect, it } from 'vitest';
import { jobIdentity } from '../../src/review/job.js';
import {
  findingMarker,
  parseFindingMarker,
  parseReviewMarker,
  reviewMarker,
  summaryMarker,
} from '../../src/review/markers.js';

describe('jobIdentity', () => {
  it('is the same for the same settings, whatever the order or repeats of prompts', () => {
    const a = jobIdentity({ model: 'gpt-4o-mini', prompts: ['prompts/b', 'prompts/a'] });
    const b = jobIdentity({ model: 'gpt-4o-mini', prompts: ['prompts/a', 'prompts/b', 'prompts/a'] });
    expect(a).toEqual(b);
    expect(a.key).toMatch(/^[0-9a-f]{12}$/);
  });

  it('differs with the id, the model or the selection', () => {
    const keys = [
      jobIdentity({ prompts: ['.'] }),
      jobIdentity({ id: 'nightly', prompts: ['.'] }),
      jobIdentity({ model: 'gpt-4o', prompts: ['.'] }),
      jobIdentity({ model: 'gpt-4o-mini', prompts: ['.'] }),
      jobIdentity({ prompts: ['prompts/support/'] }),
    ].map((job) => job.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('treats an empty selection as the default one', () => {
    expect(jobIdentity({ prompts: [] }).key).toBe(jobIdentity({ prompts: ['.'] }).key);
  });

  it('labels a job by its id, else by its model and selection; the default job has no label', () => {
    expect(jobIdentity({ id: 'support', model: 'gpt-4o', prompts: ['.'] }).label).toBe('support');
    expect(jobIdentity({ model: 'gpt-4o', prompts: ['prompts/a', 'prompts/b'] }).label).toBe('gpt-4o · prompts/a, prompts/b');
    expect(jobIdentity({ prompts: ['.'] }).label).toBeUndefined();
  });

  it('adopts comments from before job identities only without an id', () => {
    expect(jobIdentity({ prompts: ['.'] }).adoptsUnmarked).toBe(true);
    expect(jobIdentity({ model: 'gpt-4o', prompts: ['x'] }).adoptsUnmarked).toBe(true);
    expect(jobIdentity({ id: 'x', prompts: ['.'] }).adoptsUnmarked).toBe(false);
  });

  it('writes nothing of what the workflow set into its key', () => {
    const job = jobIdentity({ id: 'sk-secret-looking-id -->', model: 'gpt-4o', prompts: ['.'] });
    expect(summaryMarker(job.key)).toBe(`<!-- promptgate:summary job=${job.key} -->`);
    expect(summaryMarker(job.key)).not.toContain('secret');
  });
});

describe('markers with a job', () => {
  it('read back fingerprint, job and state; markers from before job identities read without a job', () => {
    expect(parseFindingMarker(`text\n\n${findingMarker('0123456789abcdef', { job: 'abcdef012345' })}`)).toEqual({
      fingerprint: '0123456789abcdef',
      job: 'abcdef012345',
      fixed: false,
    });
    expect(parseFindingMarker(findingMarker('0123456789abcdef', { job: 'abcdef012345', fixed: true }))).toMatchObject({ fixed: true });
    expect(parseFindingMarker('<!-- promptgate:finding fp=0123456789abcdef state=fixed -->')).toEqual({ fingerprint: '0123456789abcdef', fixed: true });
    expect(parseReviewMarker(`${reviewMarker('abcdef012345')}\n### promptgate`)).toEqual({ job: 'abcdef012345' });
    expect(parseReviewMarker('<!-- promptgate:review -->\n### promptgate')).toEqual({});
    expect(parseReviewMarker('a person quoting <!-- promptgate:review -->')).toBeUndefined();
  });
});
