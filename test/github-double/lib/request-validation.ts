// Checks a request's path parameters, query parameters and JSON body against the official schemas
// of its operation. GitHub's schemas are OpenAPI 3.0 (annotation keywords, `nullable`, formats such
// as int64), hence a non-strict ajv. Parameters arrive as text, so they are coerced before checking;
// bodies are JSON and are checked as sent (a string "10" for an integer is a real client bug).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ApiOperation } from './openapi-operations.js';

export type ValidationLocation = 'path' | 'query' | 'body';

export interface ValidationProblem {
  location: ValidationLocation;
  /** JSON pointer into the checked value, e.g. `/comments/0/line`. */
  instancePath: string;
  message: string;
}

export interface ParameterCheck {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  problems: ValidationProblem[];
}

export interface OperationValidator {
  checkParameters(pathParams: Record<string, string>, query: Record<string, string>): ParameterCheck;
  checkBody(body: unknown): ValidationProblem[];
  /** Fields the official schema does not describe: GitHub ignores most of them silently, which hides typos. */
  undocumentedFields(body: unknown, query: Record<string, string>): string[];
}

function newAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, coerceTypes, useDefaults: coerceTypes });
  // ajv-formats is CommonJS; depending on the loader its function is the module or its default.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    instance: Ajv,
  ) => void;
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  return ajv;
}

const parameterAjv = newAjv(true);
const bodyAjv = newAjv(false);

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the value' : `'${error.instancePath}'`;
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return `For ${where}, ${JSON.stringify(error.data)} is not one of ${JSON.stringify(allowed)}.`;
  }
  if (error.keyword === 'required') {
    return `For ${where}, "${(error.params as { missingProperty: string }).missingProperty}" wasn't supplied.`;
  }
  return `For ${where}, ${JSON.stringify(error.data)} ${error.message ?? 'is invalid'}.`;
}

function toProblems(location: ValidationLocation, errors: ErrorObject[] | null | undefined): ValidationProblem[] {
  return (errors ?? []).map((error) => ({ location, instancePath: error.instancePath, message: describe(error) }));
}

function objectSchema(parameters: ApiOperation['parameters']): Record<string, unknown> {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
    required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
}

/** A copy where every object that lists its properties admits no others, to spot undocumented fields. */
function closedCopy(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closedCopy);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as object).map(([name, sub]) => [name, closedCopy(sub)]))
        : closedCopy(value);
  }
  if ('properties' in copy && !('additionalProperties' in copy) && !('patternProperties' in copy)) {
    copy['additionalProperties'] = false;
  }
  return copy;
}

export function compileOperationValidator(operation: ApiOperation): OperationValidator {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const validatePath = parameterAjv.compile(objectSchema(pathParameters));
  const validateQuery = parameterAjv.compile(objectSchema(queryParameters));
  const knownQuery = new Set(queryParameters.map((parameter) => parameter.name));
  const bodySchema = operation.requestBody?.schema;
  const validateBody: ValidateFunction | undefined = bodySchema ? bodyAjv.compile(bodySchema) : undefined;
  const validateClosedBody: ValidateFunction | undefined = bodySchema
    ? bodyAjv.compile(closedCopy(bodySchema) as object)
    : undefined;

  return {
    checkParameters(pathParams, query) {
      const path: Record<string, unknown> = { ...pathParams };
      const knownQueryValues: Record<string, unknown> = Object.fromEntries(
        Object.entries(query).filter(([name]) => knownQuery.has(name)),
      );
      const problems = [
        ...(validatePath(path) ? [] : toProblems('path', validatePath.errors)),
        ...(validateQuery(knownQueryValues) ? [] : toProblems('query', validateQuery.errors)),
      ];
      return { path, query: knownQueryValues, problems };
    },
    checkBody(body) {
      if (!validateBody) return [];
      if (body === undefined) {
        return operation.requestBody?.required
          ? [{ location: 'body', instancePath: '', message: 'A JSON request body is required.' }]
          : [];
      }
      return validateBody(body) ? [] : toProblems('body', validateBody.errors);
    },
    undocumentedFields(body, query) {
      const fields = Object.keys(query)
        .filter((name) => !knownQuery.has(name))
        .map((name) => `query.${name}`);
      if (validateClosedBody && body !== undefined && !validateClosedBody(body)) {
        for (const error of validateClosedBody.errors ?? []) {
          if (error.keyword !== 'additionalProperties') continue;
          const extra = (error.params as { additionalProperty: string }).additionalProperty;
          fields.push(`body${error.instancePath.replaceAll('/', '.')}.${extra}`);
        }
      }
      return fields;
    },
  };
}
