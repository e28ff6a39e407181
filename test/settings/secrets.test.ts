import { describe, expect, it } from 'vitest';
import type { EngineSettings } from '../../src/settings/engine.js';
import { secretsOf } from '../../src/settings/secrets.js';

function settingsWith(apiKey: string, judgeKey: string): EngineSettings {
  return {
    baseURL: 'http://127.0.0.1:1/v1',
    apiKey,
    concurrency: 1,
    timeoutMs: 1000,
    maxRetryTimeMs: 1000,
    compare: { falseAlarmRate: 0.05, maxSamples: 24, budgetPerTest: 20 },
    grading: {
      judge: { endpoint: { baseURL: 'http://127.0.0.1:2/v1', apiKey: judgeKey }, parameters: {} },
      embeddings: { source: 'local', endpoint: { problem: 'not used' }, model: 'local' },
      githubPassScore: 0.5,
      prices: {},
    },
  };
}

describe('secretsOf', () => {
  it('lists every key the run may send, the placeholder included, when none is named', () => {
    expect(secretsOf(settingsWith('not-needed', 'sk-judge-1234abcd'))).toEqual(['not-needed', 'sk-judge-1234abcd']);
  });

  it('leaves out the placeholder the edge names as no secret, wherever it stands', () => {
    expect(secretsOf(settingsWith('not-needed', 'sk-judge-1234abcd'), { notASecret: 'not-needed' })).toEqual(['sk-judge-1234abcd']);
    expect(secretsOf(settingsWith('sk-main-5678efgh', 'not-needed'), { notASecret: 'not-needed' })).toEqual(['sk-main-5678efgh']);
  });
});
