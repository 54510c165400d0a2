import { existsSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The entry points of the package: the core and each subpath that exists. */
const ENTRIES = [
  'src/index.ts',
  'src/simulate/index.ts',
  'src/testing/index.ts',
  'src/store/redis/index.ts',
  'src/server/index.ts',
  'src/otel/index.ts',
].filter((f) => existsSync(f));

function exportedDocs(entry: string): { name: string; summary: boolean; example: boolean }[] {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  const module = checker.getSymbolAtLocation(source)!;
  return checker.getExportsOfModule(module).map((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declarations = target.getDeclarations() ?? [];
    let summary = false;
    let example = false;
    for (const d of declarations) {
      const node = ts.isVariableDeclaration(d) ? d.parent.parent : d;
      for (const doc of ts.getJSDocCommentsAndTags(node)) {
        if (ts.isJSDoc(doc)) {
          if (
            typeof doc.comment === 'string'
              ? doc.comment.trim() !== ''
              : (doc.comment?.length ?? 0) > 0
          )
            summary = true;
          for (const tag of doc.tags ?? []) if (tag.tagName.text === 'example') example = true;
        }
      }
    }
    return { name: symbol.getName(), summary, example };
  });
}

describe('TSDoc', () => {
  it.each(ENTRIES)('every export of %s has a summary and an @example', (entry) => {
    const docs = exportedDocs(entry);
    expect(docs.length).toBeGreaterThan(0);
    const missing = docs
      .filter((d) => !d.summary || !d.example)
      .map(
        (d) => `${d.name}${d.summary ? '' : ' (no summary)'}${d.example ? '' : ' (no @example)'}`,
      );
    expect(missing).toEqual([]);
  });
});
