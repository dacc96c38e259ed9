import { describe, expect, it } from 'vitest';
import { assertTopicId, parseStationTopic, siteTopics } from '../../protocol/index.js';

describe('topics', () => {
  const topics = siteTopics('wh1');

  it('roots every topic at packgate/v1/{site}', () => {
    expect(topics.stationEvents('S1')).toBe('packgate/v1/wh1/station/S1/events');
    expect(topics.stationStatus('S1')).toBe('packgate/v1/wh1/station/S1/status');
    expect(topics.stationAcks('S1')).toBe('packgate/v1/wh1/station/S1/acks');
    expect(topics.hubState).toBe('packgate/v1/wh1/hub/state');
    expect(topics.allStationEvents).toBe('packgate/v1/wh1/station/+/events');
  });

  it.each(['', 'a/b', 'a+', '#', 'with space', '-lead', 'x'.repeat(65)])('refuses the id %j', (id) => {
    expect(() => assertTopicId('station', id)).toThrow(expect.objectContaining({ code: 'INVALID_ID' }));
  });

  it('parses station topics of its own site only', () => {
    expect(parseStationTopic(topics, 'packgate/v1/wh1/station/S-1/events')).toEqual({ station: 'S-1', leaf: 'events' });
    expect(parseStationTopic(topics, 'packgate/v1/wh2/station/S1/events')).toBeUndefined();
    expect(parseStationTopic(topics, 'packgate/v1/wh1/station/S1/events/extra')).toBeUndefined();
    expect(parseStationTopic(topics, 'packgate/v1/wh1/station//events')).toBeUndefined();
  });
});
