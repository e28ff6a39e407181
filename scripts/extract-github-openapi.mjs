#!/usr/bin/env node
// Extracts the request side (parameters + JSON request-body schema) of the few
// GitHub REST operations promptgate's Action uses from GitHub's official
// OpenAPI description, into test/fixtures/github/openapi-subset.json.
//
//   node scripts/extract-github-openapi.mjs
//
// The GitHub API double (test/support/github-server.ts) validates every
// request against that subset, so the Action's requests are checked against
// the official schemas without depending on the ~385 MB @octokit/openapi
// package: it is installed into a throw-away temporary folder instead.
//
// To cover another endpoint, add it to OPERATIONS and re-run the script.
// OPENAPI_VERSION is pinned to the description that the installed
// @octokit/openapi-types was generated from (see its package.json
// "octokit.openapi-version"), so the subset and Octokit's types agree.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OPERATIONS = [
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  'GET /repos/{owner}/{repo}/contents/{path}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies',
  'PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
  'POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions',
  'GET /repos/{owner}/{repo}/commits/{ref}',
  'GET /repos/{owner}/{repo}/releases',
  'GET /repos/{owner}/{repo}/tags',
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
];

const OPENAPI_VERSION = '23.0.1';
const DESCRIPTION_FILE = 'generated/api.github.com.deref.json';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputFile = path.join(repoRoot, 'test/fixtures/github/openapi-subset.json');

// Annotation keywords only make the fixture bigger; validation ignores them.
const ANNOTATION_KEYWORDS = new Set(['description', 'example', 'examples', 'title', 'x-github', 'deprecated']);
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs'];
const SCHEMA_LIST_KEYWORDS = ['oneOf', 'anyOf', 'allOf', 'prefixItems'];
const SCHEMA_KEYWORDS = ['items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else'];

/** Copies a schema without annotations; walks only schema positions so a property named "description" survives. */
function withoutAnnotations(schema) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATION_KEYWORDS.has(key)) continue;
    if (SCHEMA_MAP_KEYWORDS.includes(key)) {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutAnnotations(sub)]));
    } else if (SCHEMA_LIST_KEYWORDS.includes(key)) {
      copy[key] = value.map(withoutAnnotations);
    } else if (SCHEMA_KEYWORDS.includes(key)) {
      copy[key] = withoutAnnotations(value);
    } else {
      copy[key] = value;
    }
  }
  return copy;
}

function successStatus(responses) {
  const codes = Object.keys(responses ?? {}).filter((code) => /^2\d\d$/.test(code));
  return codes.length > 0 ? Number(codes[0]) : 200;
}

function extractOperation(description, spec) {
  const [method, pathTemplate] = spec.split(' ');
  const operation = description.paths[pathTemplate]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${spec} is not in GitHub's OpenAPI description ${OPENAPI_VERSION}`);
  const parameters = (operation.parameters ?? [])
    .filter((parameter) => parameter.in === 'path' || parameter.in === 'query')
    .map((parameter) => ({
      name: parameter.name,
      in: parameter.in,
      required: parameter.required === true,
      schema: withoutAnnotations(parameter.schema ?? {}),
    }));
  const jsonBody = operation.requestBody?.content?.['application/json'];
  return {
    method,
    path: pathTemplate,
    operationId: operation.operationId,
    successStatus: successStatus(operation.responses),
    parameters,
    requestBody: jsonBody
      ? { required: operation.requestBody.required === true, schema: withoutAnnotations(jsonBody.schema) }
      : null,
  };
}

function main() {
  const workDir = mkdtempSync(path.join(tmpdir(), 'github-openapi-'));
  try {
    execFileSync(
      'npm',
      ['install', '--prefix', workDir, '--no-audit', '--no-fund', '--no-save', `@octokit/openapi@${OPENAPI_VERSION}`],
      { stdio: 'inherit' },
    );
    const packageDir = path.join(workDir, 'node_modules/@octokit/openapi');
    const installedVersion = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
    const description = JSON.parse(readFileSync(path.join(packageDir, DESCRIPTION_FILE), 'utf8'));
    const subset = {
      source: `@octokit/openapi@${installedVersion} ${DESCRIPTION_FILE}`,
      openapiVersion: description.openapi,
      apiVersion: description.info?.version,
      generatedBy: 'node scripts/extract-github-openapi.mjs',
      operations: OPERATIONS.map((spec) => extractOperation(description, spec)),
    };
    writeFileSync(outputFile, `${JSON.stringify(subset, null, 2)}\n`);
    console.log(`wrote ${path.relative(repoRoot, outputFile)}: ${subset.operations.length} operations from ${subset.source}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main();
