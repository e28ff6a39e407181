import { describe, expect, it } from 'vitest';
import { breakWorkflowCommands, commandSafeWrite } from '../../src/report/workflow-commands.js';

describe('breakWorkflowCommands', () => {
  it('puts a backslash before :: at the start of any line, after its indentation', () => {
    expect(breakWorkflowCommands('a\n::error::x\n  \t::add-mask::y')).toBe('a\n\\::error::x\n  \t\\::add-mask::y');
  });

  it('breaks a legacy ##[ anywhere in a line', () => {
    expect(breakWorkflowCommands('x ##[group]y')).toBe('x ##\\[group]y');
  });

  it('leaves :: inside a line alone', () => {
    expect(breakWorkflowCommands('std::vector and a::b')).toBe('std::vector and a::b');
  });
});

describe('commandSafeWrite', () => {
  function capture() {
    const written: string[] = [];
    const write = commandSafeWrite((chunk) => (written.push(String(chunk)), true));
    return { write, written };
  }

  it('knows whether a chunk starts a line from the chunk before it', () => {
    const { write, written } = capture();
    write('::a\n');
    write('::b');
    write('::c\n');
    expect(written).toEqual(['\\::a\n', '\\::b', '::c\n']);
  });

  it('passes bytes through untouched', () => {
    const { write, written } = capture();
    const bytes = new Uint8Array([58, 58, 120]);
    write(bytes);
    expect(written).toEqual([String(bytes)]);
  });
});
