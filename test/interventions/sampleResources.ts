/**
 * SAMPLE DATA for tests only. These are not real services: names say "Sample", numbers are
 * placeholders and addresses use example.org. The library ships no hotline numbers; hosts
 * supply and verify their own directory.
 */
import type { ResourceInput } from '../../src/interventions/types.js';

export const SAMPLE_RESOURCES: readonly ResourceInput[] = [
  {
    id: 'sample-crisis-gb',
    name: 'Sample Crisis Line UK',
    groups: ['suicide', 'self-harm'],
    locale: 'en-GB',
    contact: '000 000 (sample)',
    hours: '24/7',
    lastVerified: '2026-09-01',
  },
  {
    id: 'sample-text-gb',
    name: 'Sample Text Service UK',
    groups: ['suicide', 'self-harm', 'mental-health'],
    locale: 'en-GB',
    contact: 'Text SAMPLE to 00000',
    lastVerified: '2026-03-01',
  },
  {
    id: 'sample-crisis-en',
    name: 'Sample Crisis Line (English)',
    groups: ['suicide'],
    locale: 'en',
    url: 'https://example.org/crisis',
    lastVerified: '2026-08-15',
  },
  {
    id: 'sample-ed-gb',
    name: 'Sample Eating Disorder Helpline UK',
    groups: ['eating-disorder'],
    locale: 'en-GB',
    url: 'https://example.org/ed',
    hours: 'Mon–Fri 9–17',
    lastVerified: '2025-01-10',
  },
  {
    id: 'sample-ed-any',
    name: 'Sample Eating Disorder Support (any locale)',
    groups: ['eating-disorder'],
    locale: '*',
    url: 'https://example.org/ed-global',
    lastVerified: '2026-07-01',
  },
  {
    id: 'sample-crisis-any',
    name: 'Sample International Directory',
    groups: ['suicide', 'self-harm', 'eating-disorder', 'mental-health'],
    locale: '*',
    url: 'https://example.org/directory',
    lastVerified: '2026-06-01',
  },
  {
    id: 'sample-crisis-es',
    name: 'Sample Línea de Crisis (ES)',
    groups: ['suicide'],
    locale: 'es',
    contact: '000 (muestra)',
    lastVerified: '2026-05-01',
  },
];
