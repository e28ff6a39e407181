import { describe, expect, test } from 'vitest';
import { findPlaceholders, renderTemplate, renderValue } from '../../src/template.js';

describe('findPlaceholders', () => {
  test('finds plain, spaced and dotted placeholders with their offsets', () => {
    expect(findPlaceholders('Hi {{name}}, see {{ user.address.city }}!')).toEqual([
      { path: 'name', index: 3, length: 8 },
      { path: 'user.address.city', index: 17, length: 23 },
    ]);
  });

  test('ignores text that only looks like a placeholder', () => {
    expect(findPlaceholders('{{ not valid! }} {{}} {{1abc}} { {x} } {{a..b}}')).toEqual([]);
  });

  test('accepts underscores, hyphens and array indexes', () => {
    expect(findPlaceholders('{{first_name}} {{last-name}} {{items.0}}').map((p) => p.path)).toEqual(['first_name', 'last-name', 'items.0']);
  });
});

describe('renderTemplate', () => {
  test('fills names with and without spaces inside the braces', () => {
    expect(renderTemplate('{{a}}-{{ a }}-{{  b  }}', { a: 'x', b: 'y' })).toBe('x-x-y');
  });

  test('follows dotted paths into nested mappings and lists', () => {
    const vars = { user: { address: { city: 'Lyon' } }, items: ['first', 'second'] };
    expect(renderTemplate('{{user.address.city}} / {{items.1}}', vars)).toBe('Lyon / second');
  });

  test('a key written with dots wins over the nested path', () => {
    expect(renderTemplate('{{a.b}}', { 'a.b': 'flat', a: { b: 'nested' } })).toBe('flat');
  });

  test('renders non-string values as JSON', () => {
    const vars = { n: 30, ok: true, none: null, list: [1, 'two'], obj: { k: 'v' } };
    expect(renderTemplate('{{n}} {{ok}} {{none}} {{list}} {{obj}}', vars)).toBe('30 true null [1,"two"] {"k":"v"}');
  });

  test('leaves placeholders without a value, and invalid ones, as written', () => {
    expect(renderTemplate('{{missing}} {{ not valid! }} {{user.zip}}', { user: { city: 'x' } })).toBe('{{missing}} {{ not valid! }} {{user.zip}}');
  });

  test('does not reach into inherited properties', () => {
    expect(renderTemplate('{{constructor}} {{a.toString}}', { a: {} })).toBe('{{constructor}} {{a.toString}}');
  });
});

describe('renderValue', () => {
  test('renders strings deep inside lists and mappings and keeps other values', () => {
    const value = { any: ['{{a}}', 'b'], nested: { text: 'x{{a}}x', n: 3 }, flag: false };
    expect(renderValue(value, { a: 'A' })).toEqual({ any: ['A', 'b'], nested: { text: 'xAx', n: 3 }, flag: false });
  });

  test('returns numbers and null as they are', () => {
    expect(renderValue(5, { a: 1 })).toBe(5);
    expect(renderValue(null, {})).toBeNull();
  });
});
