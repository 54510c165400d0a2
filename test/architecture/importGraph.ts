import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import of a source file: the file it names, relative to `src/`, and the line it is on. */
export interface ImportEdge {
  readonly to: string;
  readonly line: number;
  /** The import as written, for messages. */
  readonly text: string;
}

/** Every source file of `root` (relative, `/`-separated) and the source files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly ImportEdge[]>;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/**
 * Parses every `.ts` file under `root` with the TypeScript compiler and lists what it imports from
 * other files under `root`: `import` and `export … from` declarations (type-only ones included),
 * `import('…')` types and dynamic `import(…)` calls with a literal specifier.
 */
export function readImportGraph(root: string): ImportGraph {
  const graph = new Map<string, ImportEdge[]>();
  const name = (file: string): string => relative(root, file).split(sep).join('/');
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const edges: ImportEdge[] = [];
    const add = (specifier: ts.Expression | undefined, node: ts.Node): void => {
      if (specifier === undefined || !ts.isStringLiteralLike(specifier)) return;
      if (!specifier.text.startsWith('.')) return;
      const target = resolve(dirname(file), specifier.text.replace(/\.js$/, '.ts'));
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      edges.push({ to: name(target), line, text: node.getText(source).split('\n').join(' ') });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node))
        add(node.moduleSpecifier, node);
      else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
        add(node.argument.literal, node);
      else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments.length > 0
      )
        add(node.arguments[0], node);
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(name(file), edges);
  }
  return graph;
}

/**
 * A cycle of the graph as the list of files along it (the first file repeated at the end), or
 * `null` when there is none. Depth-first search with the current path kept: meeting a file that is
 * on the path closes a cycle.
 */
export function findCycle(graph: ImportGraph): string[] | null {
  const done = new Set<string>();
  const onPath = new Map<string, number>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    onPath.set(file, path.length);
    path.push(file);
    for (const edge of graph.get(file) ?? []) {
      if (!graph.has(edge.to) || done.has(edge.to)) continue;
      const at = onPath.get(edge.to);
      if (at !== undefined) return [...path.slice(at), edge.to];
      const found = visit(edge.to);
      if (found !== null) return found;
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
    return null;
  };
  for (const file of [...graph.keys()].sort()) {
    if (done.has(file)) continue;
    const found = visit(file);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Folders nested in another that are layers of their own: `store/redis` is a subpath entry with
 * Node and `ioredis` imports, outside the runtime-neutral `store` it builds on; `../schemas` holds
 * the JSON Schemas the package publishes beside its code (data, imported by what serves them).
 */
const NESTED_LAYERS: readonly string[] = ['store/redis', '../schemas'];

/**
 * The layer of a file relative to `src/`: its first segment, a nested layer such as
 * `store/redis`, or `index.ts` for the entry.
 */
export function folderOf(file: string): string {
  for (const nested of NESTED_LAYERS) if (file.startsWith(`${nested}/`)) return nested;
  const slash = file.indexOf('/');
  return slash < 0 ? file : file.slice(0, slash);
}

/**
 * The imports that cross from one folder into another the table does not allow it to import, as
 * `file:line imports target (folder may import …)`. A folder missing from the table is itself a
 * violation: every folder has its place.
 */
export function layerViolations(
  graph: ImportGraph,
  allowed: Readonly<Record<string, readonly string[]>>,
): string[] {
  const out: string[] = [];
  for (const [file, edges] of graph) {
    const from = folderOf(file);
    const may = Object.hasOwn(allowed, from) ? allowed[from] : undefined;
    if (may === undefined) {
      out.push(`${file}: folder '${from}' has no row in the layering table`);
      continue;
    }
    for (const edge of edges) {
      const to = folderOf(edge.to);
      if (to === from || may.includes(to)) continue;
      out.push(
        `${file}:${edge.line} imports ${edge.to} — '${from}' may import only ${may.join(', ') || 'nothing'}: ${edge.text}`,
      );
    }
  }
  return out.sort();
}
