/**
 * Forms type times as local date-times (an <input type="datetime-local">) in a zone of their choosing (an event's own,
 * the man's), whatever the zone of the phone that types them: these turn them into instants and back.
 */

/** "2027-02-05T18:00" in the zone, as an ISO instant; in the browser's zone when the zone is unknown. */
export function instantOf(local: string, zone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) {
    return '';
  }
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  try {
    // The offset at the guess, then at the corrected time: right on both sides of a daylight-saving change.
    const first = asUtc - offsetAt(asUtc, zone);
    const second = asUtc - offsetAt(first, zone);
    return new Date(second).toISOString();
  } catch {
    return new Date(year, month - 1, day, hour, minute).toISOString();
  }
}

/** An ISO instant as the zone's local "YYYY-MM-DDTHH:mm"; in the browser's zone when the zone is unknown. */
export function localIn(iso: string, zone: string): string {
  const instant = new Date(iso).getTime();
  let offset: number;
  try {
    offset = offsetAt(instant, zone);
  } catch {
    offset = -new Date(instant).getTimezoneOffset() * 60_000;
  }
  return new Date(instant + offset).toISOString().slice(0, 16);
}

/** How far the zone's clocks are ahead of UTC at this instant, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(instant));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return local - Math.floor(instant / 1000) * 1000;
}

/** Where a new event starts: the organisation's zone, else (offline, or a server that does not say it) the phone's. */
export function startingZone(organisationZone: string | null | undefined, phoneZone: string | undefined = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  return organisationZone || phoneZone || 'UTC';
}
