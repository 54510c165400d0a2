import type { EvasiveStream } from './EvasiveStream.js';

const NONE: readonly string[] = Object.freeze([]);
/** Shared by every key without topics in a list; read only, like the topic lists. */
const NO_IDS = new Int32Array(0);

/**
 * Which topic list of a key a match stands for: the key's topics (`ALL`), those that may match
 * plain words of text (`PLAIN`), and the same two read as recovery, for recovery compounds
 * (`RECOVERY_ALL`, `RECOVERY_PLAIN`).
 *
 * @internal
 */
export const ALL = 0;
/** @internal */
export const PLAIN = 1;
/** @internal */
export const RECOVERY_ALL = 2;
/** @internal */
export const RECOVERY_PLAIN = 3;

/**
 * Terms this short match only whole hashtags, as in the exact matcher ("ana", "mia", "kms"), and
 * never with a consonant doubled before their last letter where the term has a single one:
 * "anna" squeezes to "ana" but is a name. Stretching a vowel or the last letter, as evasive
 * spellings do (`#anaaa`, `#kmsss`), still counts.
 *
 * @internal
 */
export const TAG_ONLY_MAX_LENGTH = 3;

/**
 * Whether the key `id` found at `[start, end)` of the stream is a short code word written with a
 * consonant doubled inside it where the term has none ("anna" for "ana"), which does not count.
 *
 * @internal
 */
export function isDoubledCodeWord(
  stream: EvasiveStream,
  start: number,
  end: number,
  table: TopicTable,
  id: number,
): boolean {
  return (
    end - start <= TAG_ONLY_MAX_LENGTH &&
    (stream.doubledIn(start, end - 1) & ~table.doubled[id]!) !== 0
  );
}

/** What one entry says about its key. @internal */
export interface KeyTopic {
  readonly topic: string;
  /** Whether the entry may only match whole hashtags. */
  readonly tagOnly: boolean;
  readonly recovery: boolean;
  readonly group: string | undefined;
}

/**
 * Distinct keys of one normal form, with the topics each stands for, as the matcher is built.
 *
 * @internal
 */
export class KeyTable {
  readonly keys: Int32Array[] = [];
  /** Per list (`ALL` … `RECOVERY_PLAIN`), per key, its topics; made when first needed. */
  private readonly lists: (string[] | undefined)[][] = [[], [], [], []];
  /** Per key, groups whose recovery topic a recovery compound of the key stands for, per list. */
  private readonly groups: (string[] | undefined)[][] = [[], []];
  readonly guard: boolean[] = [];
  /** Per key, the consonants its terms double (see `EvasiveStream.doubledIn`), short keys only. */
  private readonly doubled: number[] = [];
  private readonly index = new Map<string, number>();

  /** The id of the key `stream` holds, added if new. */
  idOf(stream: EvasiveStream): number {
    const key = stream.codes.slice(0, stream.length);
    const text = key.join(',');
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.keys.length;
      this.index.set(text, id);
      this.keys.push(key);
      this.guard.push(false);
      this.doubled.push(0);
    }
    if (stream.length <= TAG_ONLY_MAX_LENGTH)
      this.doubled[id]! |= stream.doubledIn(0, stream.length - 1);
    return id;
  }

  /** Records that key `id` stands for an entry's topic. */
  add(id: number, entry: KeyTopic): void {
    const { topic, tagOnly, recovery, group } = entry;
    for (let list = tagOnly ? ALL : PLAIN; list >= ALL; list--) {
      this.note(list, id, topic);
      // A recovery compound of a recovery term is the term's own topic; of a triggering term,
      // the recovery topic of its group (when the group is known).
      if (recovery) this.note(list + RECOVERY_ALL, id, topic);
      else if (group !== undefined) {
        const groups = (this.groups[list]![id] ??= []);
        if (!groups.includes(group)) groups.push(group);
      }
    }
  }

  /** Whether key `id` stands for any topic (guard words are keys that stand for none). */
  hasTopics(id: number): boolean {
    return this.lists[ALL]![id] !== undefined;
  }

  private note(list: number, id: number, topic: string): void {
    const topics = (this.lists[list]![id] ??= []);
    if (!topics.includes(topic)) topics.push(topic);
  }

  /**
   * Frozen, shareable topic lists per key and their topic indices.
   *
   * @param topicIndex - topic id → index, for the matcher's deduplication stamps
   * @param recoveryOf - group id → the recovery topic its recovery compounds stand for
   */
  freeze(
    topicIndex: ReadonlyMap<string, number>,
    recoveryOf: ReadonlyMap<string, string>,
  ): TopicTable {
    for (let list = ALL; list <= PLAIN; list++) {
      const groups = this.groups[list]!;
      for (let id = 0; id < groups.length; id++) {
        for (const group of groups[id] ?? []) {
          const topic = recoveryOf.get(group);
          if (topic !== undefined) this.note(list + RECOVERY_ALL, id, topic);
        }
      }
    }
    const count = this.keys.length;
    const topics = this.lists.map((lists) =>
      Array.from({ length: count }, (_, id) => {
        const list = lists[id];
        return list === undefined ? NONE : Object.freeze(list);
      }),
    );
    const ids = topics.map((lists) =>
      lists.map((list) =>
        list.length === 0 ? NO_IDS : Int32Array.from(list, (topic) => topicIndex.get(topic)!),
      ),
    );
    return {
      all: topics[ALL]!,
      plain: topics[PLAIN]!,
      allIds: ids[ALL]!,
      plainIds: ids[PLAIN]!,
      topics,
      ids,
      doubled: Int32Array.from(this.doubled),
    };
  }
}

/**
 * The frozen topic lists of a {@link KeyTable}: results are shared between calls, never copied.
 *
 * @internal
 */
export interface TopicTable {
  readonly all: readonly (readonly string[])[];
  readonly plain: readonly (readonly string[])[];
  readonly allIds: readonly Int32Array[];
  readonly plainIds: readonly Int32Array[];
  /** Per list (`ALL` … `RECOVERY_PLAIN`), per key, the topics. */
  readonly topics: readonly (readonly (readonly string[])[])[];
  /** The same as topic indices. */
  readonly ids: readonly (readonly Int32Array[])[];
  /** Per key, the consonants its terms double, one bit per character (short keys only). */
  readonly doubled: Int32Array;
}
