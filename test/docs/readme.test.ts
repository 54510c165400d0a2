/**
 * The code in README.md and the guides in docs/ must keep working. A fenced block is runnable
 * when its info string is exactly `ts` and it imports from `feed-rebalancer` or one of its
 * subpaths; write `ts no-run` for a block that is only a fragment (it then stays highlighted as
 * TypeScript but is not run). Each runnable block is written to a module of its own with the
 * package imports pointed at the source entries, type-checked against the public types, and
 * run. A failure names the file, the block and its line.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where each import specifier of the package points in the source tree. */
const ENTRIES: Readonly<Record<string, string>> = {
  'feed-rebalancer': 'src/index.ts',
  'feed-rebalancer/simulate': 'src/simulate/index.ts',
  'feed-rebalancer/testing': 'src/testing/index.ts',
  'feed-rebalancer/redis': 'src/store/redis/index.ts',
  'feed-rebalancer/server': 'src/server/index.ts',
  'feed-rebalancer/otel': 'src/otel/index.ts',
};
const PACKAGE_IMPORT = /((?:from|import)\s*\(?\s*)(['"])(feed-rebalancer(?:\/[\w-]+)?)\2/g;

/** One fenced code block of a markdown file. */
interface Block {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly info: string;
  readonly code: string;
}

/** The fenced blocks of a markdown text (backtick or tilde fences at the start of a line). */
function fencedBlocks(file: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (open === null) continue;
    const fence = open[1]!;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^${fence[0]}{${fence.length},}\\s*$`).test(lines[j]!))
      body.push(lines[j++]!);
    blocks.push({ file, line: i + 1, info: open[2]!.trim(), code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** Whether a block is meant to run: `ts` exactly, importing the package. */
function isRunnable(block: Block): boolean {
  PACKAGE_IMPORT.lastIndex = 0;
  return block.info === 'ts' && PACKAGE_IMPORT.test(block.code);
}

/** The block's code with package imports pointed at the source entries, relative to `dir`. */
function pointAtSource(block: Block, dir: string): string {
  return block.code.replace(PACKAGE_IMPORT, (_all, prefix: string, quote: string, id: string) => {
    const entry = ENTRIES[id];
    if (entry === undefined)
      throw new Error(
        `${block.file}:${block.line} imports '${id}', which the package does not export`,
      );
    const target = relative(dir, join(ROOT, entry)).replace(/\.ts$/, '.js');
    return `${prefix}${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`;
  });
}

const MARKDOWN = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

mkdirSync(join(ROOT, 'out'), { recursive: true });
const WORK = mkdtempSync(join(ROOT, 'out', 'doc-blocks-'));

interface RunnableBlock extends Block {
  readonly label: string;
  readonly path: string;
}

const runnable: RunnableBlock[] = [];
for (const file of MARKDOWN) {
  const blocks = fencedBlocks(file, readFileSync(join(ROOT, file), 'utf8')).filter(isRunnable);
  blocks.forEach((block, index) => {
    const name = `${file.replace(/[^\w]+/g, '-')}-${index + 1}-line-${block.line}.ts`;
    const path = join(WORK, name);
    writeFileSync(path, `${pointAtSource(block, dirname(path))}\nexport {};\n`);
    runnable.push({ ...block, label: `${file} block ${index + 1} (line ${block.line})`, path });
  });
}

afterAll(() => {
  rmSync(WORK, { recursive: true, force: true });
});

describe('fencedBlocks and isRunnable (the block reader of this test)', () => {
  it('reads only `ts` blocks that import the package, skips `ts no-run` and reads nested fences whole', () => {
    const text = [
      '```ts',
      "import { presets } from 'feed-rebalancer';",
      '```',
      '```ts no-run',
      "import { presets } from 'feed-rebalancer';",
      '```',
      '````md',
      '```ts',
      "import { x } from 'feed-rebalancer';",
      '```',
      '````',
      '```ts',
      'const fragment = 1;',
      '```',
      '~~~ts',
      "const { simulate } = await import('feed-rebalancer/simulate');",
      '~~~',
    ].join('\n');
    const blocks = fencedBlocks('x.md', text);
    expect(blocks.map((b) => [b.line, b.info])).toEqual([
      [1, 'ts'],
      [4, 'ts no-run'],
      [7, 'md'],
      [12, 'ts'],
      [15, 'ts'],
    ]);
    expect(blocks.filter(isRunnable).map((b) => b.line)).toEqual([1, 15]);
    expect(pointAtSource(blocks[4]!, join(ROOT, 'out', 'x'))).toBe(
      "const { simulate } = await import('../../src/simulate/index.js');",
    );
    expect(() =>
      pointAtSource({ ...blocks[0]!, code: "import 'feed-rebalancer/nope';" }, ROOT),
    ).toThrow(/x\.md:1 imports 'feed-rebalancer\/nope'/);
  });

  it('finds runnable blocks in README.md and in the guides', () => {
    const files = new Set(runnable.map((block) => block.file));
    expect(files).toContain('README.md');
    expect(files).toContain('docs/policy.md');
    expect(files).toContain('docs/integration.md');
  });
});

describe('the runnable code blocks of README.md and docs/*.md', () => {
  it('type-check against the public API', () => {
    const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    // Guides may declare a helper they do not call; everything else is as strict as the source.
    const options = { ...parsed.options, noUnusedLocals: false, noUnusedParameters: false };
    const program = ts.createProgram({ rootNames: runnable.map((b) => b.path), options });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && d.file.fileName.startsWith(WORK))
      .map((d) => {
        const block = runnable.find((b) => b.path === d.file!.fileName)!;
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
        return `${block.file}:${block.line + 1 + line}: ${text}`;
      });
    expect(problems).toEqual([]);
  }, 120_000);

  it.each(runnable.map((block) => [block.label, block] as const))(
    '%s runs',
    async (_label, block) => {
      const output: string[] = [];
      const spies = (['log', 'info', 'warn', 'error', 'table'] as const).map((method) =>
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          output.push(args.map(String).join(' '));
        }),
      );
      try {
        await import(pathToFileURL(block.path).href);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          `${block.label} failed: ${message}\n--- block ---\n${block.code}\n--- output ---\n${output.join('\n')}`,
          { cause: error },
        );
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    },
    60_000,
  );
});
