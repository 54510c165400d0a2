import { RebalanceError, type RebalanceErrorCode } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';

/** The parts of an Ajv error the server reads (Ajv runs with `verbose`, so `parentSchema` is set). */
export interface SchemaIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string | undefined;
  readonly parentSchema?: Readonly<Record<string, unknown>> | undefined;
}

/** Which error code the entries of a top-level list take (`candidates` → `item`). */
export type ListCodes = Readonly<Record<string, RebalanceErrorCode>>;

/** Fields whose received value is described by its length only: user ids must not be echoed. */
const PRIVATE_FIELDS: ReadonlySet<string> = new Set(['userId', 'id', 'session.user_id']);

/**
 * Turns the schema errors of a request into the `RebalanceError` the route answers, so that a
 * request the schema refuses gets the same envelope as one the library refuses: the code (`item`
 * for a field of a candidate, `impression` for one of an event, `request` otherwise), the JSON
 * path in dot/bracket form, and a message that names the API, the rule and the value received.
 *
 * Ajv stops at the first failing keyword; for a value that matches none of the forms of an
 * `anyOf`, it lists each form's first error and then the `anyOf` itself. The form whose error lies
 * deepest in the value is the one the client meant (an impression whose `at` is a string fails
 * the impression form at `at`, the feedback forms at the event itself), so that error is
 * reported; when no form got further than the value, or two got equally far, the `anyOf` is,
 * with the forms named.
 *
 * @param issues - Ajv's errors for one request
 * @param root - the validated value (the body or the path parameters)
 * @param api - the route, for the message (`POST /v1/rebalance`)
 * @param lists - codes of the entries of top-level lists
 * @returns the error to answer
 * @internal
 */
export function validationError(
  issues: readonly SchemaIssue[],
  root: unknown,
  api: string,
  lists: ListCodes = {},
): RebalanceError {
  const issue = pickIssue(issues);
  if (issue === null) return new RebalanceError('request', `${api}: the request is invalid`, '');
  const segments = pointerSegments(issue.instancePath);
  let value: unknown = root;
  let path = '';
  for (const segment of segments) {
    const index = Array.isArray(value) && /^\d+$/.test(segment) ? Number(segment) : segment;
    path = joinPath(path, index);
    value = step(value, index);
  }
  const { target, rule } = describeRule(issue, path);
  const got =
    PRIVATE_FIELDS.has(target) && typeof value === 'string'
      ? `a string of ${value.length}`
      : describeValue(value);
  const subject = target === '' ? 'the body' : target;
  const message =
    issue.keyword === 'required' || issue.keyword === 'additionalProperties'
      ? `${api}: ${subject} ${rule}`
      : `${api}: ${subject} ${rule} (got ${got})`;
  const first = segments[0];
  const code =
    first !== undefined && segments.length > 1 && Object.hasOwn(lists, first)
      ? lists[first]!
      : 'request';
  return new RebalanceError(code, message, target);
}

/** The issue to report: see {@link validationError}. */
function pickIssue(issues: readonly SchemaIssue[]): SchemaIssue | null {
  let union: SchemaIssue | undefined;
  for (const issue of issues)
    if (issue.keyword === 'anyOf' || issue.keyword === 'oneOf') union = issue;
  if (union === undefined) return issues[0] ?? null;
  let deepest: SchemaIssue = union;
  let depth = union.instancePath.split('/').length;
  let tied = false;
  for (const issue of issues) {
    if (issue === union || !issue.instancePath.startsWith(union.instancePath)) continue;
    const d = issue.instancePath.split('/').length;
    if (d > depth) {
      deepest = issue;
      depth = d;
      tied = false;
    } else if (d === depth && deepest !== union) tied = true;
  }
  return tied ? union : deepest;
}

/** The field an issue concerns and the rule it breaks, in words. */
function describeRule(issue: SchemaIssue, path: string): { target: string; rule: string } {
  const p = issue.params;
  const schema = issue.parentSchema ?? {};
  switch (issue.keyword) {
    case 'required':
      return { target: joinPath(path, String(p.missingProperty)), rule: 'is required' };
    case 'additionalProperties': {
      const known = Object.keys((schema.properties as object | undefined) ?? {}).join(', ');
      return {
        target: joinPath(path, String(p.additionalProperty)),
        rule: `is not a known field${known === '' ? '' : ` (known: ${known})`}`,
      };
    }
    case 'type':
      return { target: path, rule: `must be ${article(String(p.type))}` };
    case 'enum':
      return {
        target: path,
        rule: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'maxItems':
      return { target: path, rule: `must have at most ${String(p.limit)} entries` };
    case 'minItems':
      return { target: path, rule: `must have at least ${String(p.limit)} entries` };
    case 'maxLength':
      return { target: path, rule: `must have at most ${String(p.limit)} characters` };
    case 'minLength':
      return { target: path, rule: `must have at least ${String(p.limit)} characters` };
    case 'maxProperties':
      return { target: path, rule: `must have at most ${String(p.limit)} entries` };
    case 'pattern':
      return {
        target: path,
        rule: `must be ${typeof schema.description === 'string' ? lowerFirst(schema.description) : `a string matching ${String(p.pattern)}`}`,
      };
    case 'anyOf':
    case 'oneOf':
      return {
        target: path,
        rule: `must be ${typeof schema.title === 'string' ? schema.title : 'one of the documented forms'}`,
      };
    default:
      return { target: path, rule: issue.message ?? 'is invalid' };
  }
}

/** JSON pointer segments (`/candidates/2/id` → `candidates`, `2`, `id`), unescaped. */
function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function step(value: unknown, key: string | number): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
}

function article(type: string): string {
  const names: Readonly<Record<string, string>> = {
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'a boolean',
    object: 'an object',
    array: 'an array',
    null: 'null',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}
