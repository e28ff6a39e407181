// What the format readers produce: the suite's parts plus the YAML nodes they came from, which
// the checks after reading need in order to point at placeholders and assertion values.
import type { SourceNode } from './source-map.js';
import type { Assertion, MessageTemplate, ModelParameters, Span, Suite } from '../types.js';

export interface LocatedAssertion {
  assertion: Assertion;
  /** The node holding the value, for placeholder positions; absent for value-less assertions. */
  valueNode?: SourceNode;
  node?: SourceNode;
}

export interface LocatedMessage {
  message: MessageTemplate;
  contentNode?: SourceNode;
}

export interface DraftTest {
  index: number;
  name: string;
  description?: string;
  /** File vars overlaid by the test's own. */
  vars: Record<string, unknown>;
  /** Only the test's own; file-level assertions are added when the suite is built. */
  assert: LocatedAssertion[];
  repeat: number;
  minPassRate: number;
  /** The file's tags, then the test's own, each once. */
  tags?: string[];
  span?: Span;
}

export interface DraftSuite {
  format: Suite['format'];
  name: string;
  description?: string;
  model?: string;
  modelParameters: ModelParameters;
  messages: LocatedMessage[];
  fileAssert: LocatedAssertion[];
  tests: DraftTest[];
}
