import type { InterventionLog, SeeLessEntry } from './types.js';
import { EMPTY_INTERVENTION_LOG } from './interventionLog.js';
import { bad, count, field } from '../validate/stateFields.js';
import { LIMITS } from '../validate/limits.js';

const KINDS: readonly string[] = ['nudge', 'resources', 'break'];

/** Reads the stored intervention log; an absent one is empty. @internal */
export function readInterventionLog(api: string, raw: unknown): InterventionLog {
  if (raw === undefined) return EMPTY_INTERVENTION_LOG;
  const shownRaw = field(api, raw, 'shown', 'interventions');
  if (!Array.isArray(shownRaw) || shownRaw.length > LIMITS.loggedInterventions)
    bad(
      api,
      'interventions.shown',
      `must be an array of at most ${LIMITS.loggedInterventions} entries`,
      shownRaw,
    );
  const shown: (readonly [InterventionLog['shown'][number][0], string, number])[] = [];
  for (let i = 0; i < shownRaw.length; i++) {
    const path = `interventions.shown[${i}]`;
    const entry: unknown = shownRaw[i];
    if (!Array.isArray(entry) || entry.length !== 3)
      bad(api, path, 'must be a [kind, group, at] triple', entry);
    const [kind, group, at] = entry as [unknown, unknown, unknown];
    if (typeof kind !== 'string' || !KINDS.includes(kind))
      bad(api, `${path}[0]`, "must be 'nudge', 'resources' or 'break'", kind);
    if (typeof group !== 'string' || group.length > LIMITS.nameLength)
      bad(api, `${path}[1]`, "must be a group id or ''", group);
    if (typeof at !== 'number' || !Number.isFinite(at))
      bad(api, `${path}[2]`, 'must be a finite time in milliseconds', at);
    shown.push(Object.freeze([kind as 'nudge', group, at] as const));
  }
  const dismissed = count(
    api,
    field(api, raw, 'dismissed', 'interventions'),
    'interventions.dismissed',
  );
  return { shown, dismissed };
}

/** Reads the stored "see less" choices; absent ones are none. @internal */
export function readSeeLess(api: string, raw: unknown): readonly SeeLessEntry[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > LIMITS.seeLessEntries)
    bad(api, 'seeLess', `must be an array of at most ${LIMITS.seeLessEntries} entries`, raw);
  const out: SeeLessEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const entry: unknown = raw[i];
    if (!Array.isArray(entry) || entry.length !== 2)
      bad(api, `seeLess[${i}]`, 'must be a [target, at] pair', entry);
    const [target, at] = entry as [unknown, unknown];
    if (typeof target !== 'string' || target.length === 0 || target.length > LIMITS.nameLength)
      bad(api, `seeLess[${i}][0]`, 'must be a topic or group id', target);
    if (seen.has(target)) bad(api, `seeLess[${i}][0]`, 'must be unique', target);
    seen.add(target);
    if (typeof at !== 'number' || !Number.isFinite(at))
      bad(api, `seeLess[${i}][1]`, 'must be a finite time in milliseconds', at);
    out.push(Object.freeze([target, at] as const));
  }
  return out;
}
