// A prompt file being assembled from a source, before it is written as YAML.

export interface DraftAssertion {
  type: string;
  value?: unknown;
  threshold?: number;
  name?: string;
  /** Written above the assertion: how it was approximated. */
  comment?: string;
}

export interface DraftTest {
  name?: string;
  vars?: Record<string, unknown>;
  assert: DraftAssertion[];
  comment?: string;
}

export interface DraftMessage {
  role: 'system' | 'developer' | 'user' | 'assistant';
  content: string;
}

export interface DraftSuite {
  /** File name, relative to the output directory, without a directory part. */
  fileName: string;
  name: string;
  description?: string;
  model?: string;
  modelParameters: Record<string, unknown>;
  /** Written above `modelParameters`. */
  parametersComment?: string;
  messages: DraftMessage[];
  vars?: Record<string, unknown>;
  assert: DraftAssertion[];
  tests: DraftTest[];
  /** Written at the top of the file: where it came from. */
  header: string[];
}
