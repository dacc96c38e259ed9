import { describe, expect, it } from 'vitest';
import { RateRefusal, StationRateLimit, TokenBucket } from '../../../hub/ingest/rate-limit.js';

describe('TokenBucket', () => {
  it('starts full, refills at its rate, never above its capacity', () => {
    const bucket = new TokenBucket(10, 5, 0);
    expect(bucket.take(10, 0)).toBe(true);
    expect(bucket.take(1, 0)).toBe(false);
    expect(bucket.take(1, 200)).toBe(true);
    expect(bucket.level(60_000)).toBe(10);
  });

  it('lets one item larger than the whole bucket through when full, then owes it', () => {
    const bucket = new TokenBucket(10, 5, 0);
    expect(bucket.take(25, 0)).toBe(true);
    expect(bucket.take(1, 2000)).toBe(false);
    expect(bucket.take(1, 5200)).toBe(true);
  });
});

describe('StationRateLimit', () => {
  it('holds each station to its own messages a second, burst included', () => {
    const limit = new StationRateLimit({ messagesPerSecond: 2, bytesPerSecond: 0, burstSeconds: 5 });
    const admitted = Array.from({ length: 12 }, () => limit.admit('S1', 100, 0));
    expect(admitted.filter((refused) => refused === undefined)).toHaveLength(10);
    expect(limit.admit('S2', 100, 0)).toBeUndefined();
    expect(limit.admit('S1', 100, 499)).toBe(RateRefusal.Messages);
    expect(limit.admit('S1', 100, 500)).toBeUndefined();
    expect(limit.refusals()).toEqual({ [RateRefusal.Messages]: 3 });
  });

  it('holds a station to its bytes a second, and says when it has its burst back', () => {
    const limit = new StationRateLimit({ messagesPerSecond: 0, bytesPerSecond: 1000, burstSeconds: 2 });
    expect(limit.admit('S1', 1500, 0)).toBeUndefined();
    expect(limit.admit('S1', 600, 0)).toBe(RateRefusal.Bytes);
    expect(limit.rested('S1', 1000)).toBe(false);
    expect(limit.admit('S1', 600, 1000)).toBeUndefined();
    expect(limit.rested('S1', 3000)).toBe(true);
    expect(limit.refusals()).toEqual({ [RateRefusal.Bytes]: 1 });
  });

  it('with both rates at 0 admits everything', () => {
    const limit = new StationRateLimit({ messagesPerSecond: 0, bytesPerSecond: 0 });
    for (let i = 0; i < 10_000; i++) expect(limit.admit('S1', 65_536, 0)).toBeUndefined();
  });
});
