import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { parseFlags, readInteger } from '../../src/cli/parseFlags.js';

const FLAGS = {
  users: { type: 'string' as const },
  progress: { type: 'boolean' as const },
};

function thrown(fn: () => unknown): RebalanceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RebalanceError) return error;
    throw error;
  }
  throw new Error('expected a RebalanceError');
}

describe('parseFlags', () => {
  it('parseFlags reports an unknown option by name with the known ones', () => {
    const e = thrown(() => parseFlags('cmd', ['--nope'], FLAGS));
    expect(e.code).toBe('argument');
    expect(e.path).toBe('nope');
    expect(e.message).toBe('cmd: unknown option --nope (known options: --users, --progress)');
  });

  it('parseFlags reports a missing value, also when the next word is another option', () => {
    for (const args of [['--users'], ['--users', '--progress']]) {
      const e = thrown(() => parseFlags('cmd', args, FLAGS));
      expect(e.path).toBe('users');
      expect(e.message).toMatch(/^cmd: --users needs a value/);
    }
  });

  it('parseFlags reports a value given to a switch and a stray positional argument', () => {
    expect(thrown(() => parseFlags('cmd', ['--progress=yes'], FLAGS)).message).toBe(
      'cmd: --progress is a switch and takes no value',
    );
    expect(thrown(() => parseFlags('cmd', ['extra'], FLAGS)).message).toMatch(
      /^cmd: unexpected argument "extra"/,
    );
  });

  it('parseFlags returns option names on a null-prototype object', () => {
    const values = parseFlags('cmd', ['--users', '3', '--progress'], FLAGS);
    expect(Object.getPrototypeOf(values)).toBeNull();
    expect({ ...values }).toEqual({ users: '3', progress: true });
  });
});

describe('readInteger', () => {
  it('readInteger accepts exactly the decimal-digit strings whose value lies in [min, max]', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.nat({ max: 5000 }).map(String),
          fc.string({ maxLength: 6 }),
          fc.constantFrom('1e3', '0x10', '+5', '-1', ' 7', '7 ', '1.5', '', 'Infinity', '٣'),
        ),
        (text) => {
          const canonical = /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 1000;
          if (canonical) {
            expect(readInteger('cmd', 'users', text, undefined, 1, 1000)).toBe(Number(text));
          } else {
            const e = thrown(() => readInteger('cmd', 'users', text, undefined, 1, 1000));
            expect(e.path).toBe('users');
            expect(e.message).toBe(
              `cmd: --users must be a whole number in [1, 1000] (got ${JSON.stringify(text)})`,
            );
          }
        },
      ),
    );
  });

  it('readInteger returns the fallback when the option is absent', () => {
    expect(readInteger('cmd', 'seed', undefined, 1, 0, 10)).toBe(1);
    expect(readInteger('cmd', 'seed', undefined, undefined, 0, 10)).toBeUndefined();
  });
});
