/**
 * One published figure the calibration fits the `off` baseline to: the source, what was
 * measured and under which protocol, the figure and a band.
 *
 * @internal
 */
export interface CalibrationTarget {
  readonly id: string;
  readonly source: string;
  /** What is measured, in the simulator's terms. */
  readonly measure: string;
  /** The protocol: which accounts, how long, what counts. */
  readonly protocol: string;
  readonly unit: 'minutes' | 'seconds' | 'share' | 'watches' | 'ratio' | 'impressions';
  readonly target: number;
  readonly low: number;
  readonly high: number;
  /** Why the band is what it is. */
  readonly band: string;
  /** Whether distances are measured on a log scale (times, counts, ratios) or linearly (shares). */
  readonly scale: 'log' | 'linear';
}

/**
 * The targets. Bands come from the source where it reports a range (Tomlein's 17–26 watches,
 * the Molly Rose Foundation's 96–97%, Amnesty France's "about half"); where it reports one
 * figure from a handful of accounts, the band says how it was set.
 *
 * @internal
 */
export const TARGETS: readonly CalibrationTarget[] = [
  {
    id: 'ccdh-eating-disorder',
    source: 'CCDH, Deadly by Design (2022)',
    measure:
      'time on the app before the first eating-disorder item, the earliest of four accounts (median over groups of four)',
    protocol:
      'lingering-teen arm: new 13-year-old accounts that pause on body-image and mental-health videos, in groups of four as CCDH\'s four standard accounts ("to another [account] within eight minutes" is the quickest one); eating-disorder group topics',
    unit: 'minutes',
    target: 8,
    low: 4,
    high: 16,
    band: 'the quickest of four accounts (a single first time varies far more); a factor of two either way',
    scale: 'log',
  },
  {
    id: 'ccdh-suicide',
    source: 'CCDH, Deadly by Design (2022)',
    measure:
      'time on the app before the first suicide item, the earliest of four accounts (median over groups of four)',
    protocol:
      'lingering-teen arm in groups of four ("shown to one account within 2.6 minutes" is the quickest one); the suicide topic',
    unit: 'minutes',
    target: 2.6,
    low: 1.3,
    high: 5.2,
    band: 'as above: a factor of two either way',
    scale: 'log',
  },
  {
    id: 'ccdh-interval',
    source: 'CCDH, Deadly by Design (2022)',
    measure:
      'seconds on the app per mental-health or body-image impression in the first 30 minutes',
    protocol:
      'lingering-teen arm, first 30 minutes; counts low mood, every triggering and every recovery topic — not fitness or beauty, which stand for whole ordinary interests of which CCDH counted only the videos about body image',
    unit: 'seconds',
    target: 39,
    low: 33,
    high: 45,
    band: 'about 185 such videos over four standard accounts × 30 minutes: a Poisson count of that size varies by ±15% (95%)',
    scale: 'log',
  },
  {
    id: 'tomlein-bubble',
    source: 'Tomlein et al., RecSys 2021',
    measure:
      'median triggering items watched before the first page at least half triggering (the bubble)',
    protocol: 'lingering-teen arm',
    unit: 'watches',
    target: 21.5,
    low: 17,
    high: 26,
    band: 'the range the paper reports (17–26 watches)',
    scale: 'log',
  },
  {
    id: 'amnesty-2023',
    source: 'Amnesty International & AI Forensics, Driven into the Darkness (2023)',
    measure: 'share of potentially harmful mental-health impressions between 5 and 6 h on the app',
    protocol:
      "re-watching arm: new teen accounts drawn to sad videos that watch every mental-health video, harmful or not (low mood, self-harm, suicide and their recovery topics), to the end and again, as Amnesty's automated accounts re-watched mental-health videos; counts every triggering topic and low mood",
    unit: 'share',
    target: 0.45,
    low: 0.4,
    high: 0.5,
    band: '"almost one in two": from two in five up to one half',
    scale: 'linear',
  },
  {
    id: 'amnesty-france-2025',
    source: 'Amnesty International France, Dragged into the Rabbit Hole (2025)',
    measure: 'share of depressive impressions between 15 and 20 minutes of engagement',
    protocol:
      're-watching arm (the three French accounts engaged with sad and mental-health videos), 15–20 minutes on the app; counts low mood, self-harm and suicide',
    unit: 'share',
    target: 0.5,
    low: 0.4,
    high: 0.6,
    band: '"about half the feed": 0.4 to 0.6',
    scale: 'linear',
  },
  {
    id: 'molly-rose-2025',
    source: 'Molly Rose Foundation, Pervasive-by-design (2025)',
    measure: 'share of harmful impressions for accounts that had engaged (the sixth hour)',
    protocol:
      "engaged arm: new teen accounts drawn to sad videos that watch every depressive, self-harm and suicide video to the end and again, as the Foundation's accounts watched, liked and saved such posts, 5–6 h on the app; counts every triggering topic and low mood",
    unit: 'share',
    target: 0.965,
    low: 0.96,
    high: 0.97,
    band: 'the two platforms measured: 96% (TikTok) and 97% (Instagram Reels)',
    scale: 'linear',
  },
  {
    id: 'griffiths-2024',
    source: 'Griffiths et al., Body Image (2024)',
    measure:
      'eating-disorder share of impressions, at-risk accounts over accounts with no interest (2 h each)',
    protocol: 'lingering-teen arm against the no-interest arm; eating-disorder group topics',
    unit: 'ratio',
    target: 44.4,
    low: 22.2,
    high: 88.8,
    band: 'toxic eating-disorder videos delivered +4,343% (×44.4) for 42 people with eating disorders against 49 controls; a factor of two either way',
    scale: 'log',
  },
  {
    id: 'hosseinmardi-2024',
    source: 'Hosseinmardi et al., PNAS (2024)',
    measure:
      'impressions after the account stops responding until the triggering share has fallen 90% of the way to the no-interest level',
    protocol:
      'forgetting arm: lingering-teen accounts that stop responding at request 60 (about 50 minutes)',
    unit: 'impressions',
    target: 30,
    low: 15,
    high: 45,
    band: '"within about 30 videos": from half to one and a half times that',
    scale: 'log',
  },
];
