import { describe, expect, it } from 'vitest';
import { DomainEffects } from '../../../hub/control/effects.js';
import { createDomainState } from '../../../hub/domain/state.js';
import { siteTopics } from '../../../protocol/index.js';

const topics = siteTopics('wh1');
const now = new Date('2026-12-06T04:00:00.000Z');

/** The retained messages `publishLists` sends at a broker connect, by topic. */
function publishedAtConnect(options: ConstructorParameters<typeof DomainEffects>[2]): Map<string, { payload: unknown; retain: boolean | undefined }> {
  const published = new Map<string, { payload: unknown; retain: boolean | undefined }>();
  const effects = new DomainEffects(topics, { publish: (topic, payload, retain) => published.set(topic, { payload, retain }), feed: () => undefined }, options);
  try {
    effects.publishLists(createDomainState(), now);
  } finally {
    effects.close();
  }
  return published;
}

describe('DomainEffects: the site policy', () => {
  it('is published retained at every broker connect, with the default tolerance when the hub was given none', () => {
    expect(publishedAtConnect({}).get(topics.sitePolicy)).toEqual({ payload: { v: 1, at: now.toISOString(), weightTolerance: { grams: 20, percent: 3 } }, retain: true });
  });

  it("carries the site's own tolerance", () => {
    expect(publishedAtConnect({ weightTolerance: { grams: 5, percent: 0.5 } }).get(topics.sitePolicy)?.payload).toMatchObject({ weightTolerance: { grams: 5, percent: 0.5 } });
  });
});
