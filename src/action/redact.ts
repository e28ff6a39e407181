// Redaction is the core's (src/redact.ts): the engine redacts answers as they enter the run. The
// Action's files keep importing it from here, and use it once more on everything they post or log.
export { createRedactor, noRedaction, redactDeep, REDACTED, type Redactor } from '../redact.js';
