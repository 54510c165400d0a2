import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/cli/progressBar.js';
import { captureIo, steppingClock } from './captureIo.js';

describe('ProgressBar', () => {
  it('ProgressBar draws nothing for a run that ends within a second', () => {
    const io = captureIo('/', { stderrIsTty: true, now: steppingClock(10) });
    const bar = new ProgressBar(io, 'users', true);
    for (let i = 1; i <= 50; i++) bar.update(i, 50);
    bar.finish();
    expect(io.err()).toBe('');
  });

  it('ProgressBar on a terminal redraws one line in place and ends at 100%', () => {
    const io = captureIo('/', { stderrIsTty: true, now: steppingClock(150) });
    const bar = new ProgressBar(io, 'users', true);
    for (let i = 1; i <= 40; i++) bar.update(i, 40);
    bar.finish();
    const text = io.err();
    expect(text.startsWith('\r[')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
    // One line: redraws are separated by carriage returns, and only the end adds a newline.
    expect(text.split('\n')).toHaveLength(2);
    const frames = text
      .trimEnd()
      .split('\r')
      .filter((f) => f !== '');
    expect(frames.at(-1)).toMatch(/^\[#{28}\] 100% {2}40\/40 users {2}\d+\.\d s$/);
    // Percentages never go down.
    const percents = frames.map((f) => Number(/\]\s+(\d+)%/.exec(f)![1]));
    for (let i = 1; i < percents.length; i++)
      expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]!);
  });

  it('ProgressBar off a terminal writes at most one line per tenth of the run', () => {
    const io = captureIo('/', { stderrIsTty: false, now: steppingClock(400) });
    const bar = new ProgressBar(io, 'users', false);
    for (let i = 1; i <= 1000; i++) bar.update(i, 1000);
    bar.finish();
    const lines = io.err().trimEnd().split('\n');
    expect(io.err()).not.toContain('\r');
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.at(-1)).toContain('100%  1000/1000 users');
  });
});
