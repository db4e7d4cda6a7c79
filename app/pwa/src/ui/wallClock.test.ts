import { describe, expect, it } from 'vitest';
import { instantOf, localIn, startingZone } from './wallClock';

describe('instantOf', () => {
  it('reads the time in the event\'s zone', () => {
    expect(instantOf('2027-02-05T18:00', 'America/New_York')).toBe('2027-02-05T23:00:00.000Z');
  });

  it('uses summer time in summer', () => {
    expect(instantOf('2027-07-05T18:00', 'Europe/London')).toBe('2027-07-05T17:00:00.000Z');
  });

  it('finds the right offset on the day the clocks change', () => {
    expect(instantOf('2027-03-28T12:00', 'Europe/London')).toBe('2027-03-28T11:00:00.000Z');
  });

  it('answers nothing for an empty field', () => {
    expect(instantOf('', 'Europe/London')).toBe('');
  });
});

describe('localIn', () => {
  it('writes an instant as the zone\'s local time', () => {
    expect(localIn('2027-02-05T23:00:00Z', 'America/New_York')).toBe('2027-02-05T18:00');
  });

  it('goes back to what was typed', () => {
    expect(localIn(instantOf('2027-10-31T09:30', 'Australia/Sydney'), 'Australia/Sydney')).toBe('2027-10-31T09:30');
  });
});

describe('startingZone', () => {
  it('starts a new event in the organisation\'s zone, wherever the phone is', () => {
    expect(startingZone('Europe/London', 'America/New_York')).toBe('Europe/London');
  });

  it('starts in the phone\'s zone when the organisation\'s is not known', () => {
    expect(startingZone(undefined, 'America/New_York')).toBe('America/New_York');
  });

  it('starts in UTC when neither is known', () => {
    expect(startingZone(undefined, '')).toBe('UTC');
  });
});
