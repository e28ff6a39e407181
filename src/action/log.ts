// The runner's log, as the flows write to it: one import for the logging half of runner-io.ts.
export { debug, error, fail, info, warning, type AnnotationPlace } from './runner-io.js';
