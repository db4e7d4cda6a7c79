import { ApiError } from '../../../api/problem';
import { get, keys, put, remove } from '../../../offline/db';
import { getEvent } from '../api/events';
import { getCareTeams, getRoster, getSensitive, getSigningKeys, getStaff } from '../api/staff';
import type { CareTeams, EventView, RosterEntry, Sensitive, StaffMember } from '../api/types';

export type { RosterEntry };

/**
 * Retreat mode: what staff keep on the device for an event, to check men in where there is no network. The roster
 * (with care teams), the staff, the care teams and, for staff allowed to read them, the emergency contacts; and the
 * organisation's public signing keys, so a ticket's signature is checked here without asking the server.
 */
export interface KeptEvent {
  event: EventView;
  roster: RosterEntry[];
  staff: StaffMember[];
  teams: CareTeams | null;
  sensitive: Record<string, Sensitive>;
  keys: JsonWebKey[];
  savedAt: string;
  /** When the device forgets it: the event's end plus its retention of sensitive data. */
  forgetAfter: string;
}

const key = (eventId: string) => 'retreat/' + eventId;

export async function keepOffline(eventId: string): Promise<KeptEvent> {
  const event = await getEvent(eventId);
  const [{ entries: roster }, staff, teams, jwks] = await Promise.all([
    getRoster(eventId),
    getStaff(eventId),
    getCareTeams(eventId).catch(() => null),
    getSigningKeys(),
  ]);
  const sensitive: Record<string, Sensitive> = {};
  try {
    const all = await getSensitive(eventId);
    for (const entry of all.entries) {
      sensitive[entry.registrationId] = entry;
    }
  } catch (error) {
    // Only the event's lead, PTMs and care-team leads may read emergency contacts: the others keep the roster alone.
    if (!(error instanceof ApiError && error.status === 403)) {
      throw error;
    }
  }
  const end = new Date(event.endsAt).getTime();
  const kept: KeptEvent = {
    event,
    roster,
    staff: staff.items,
    teams,
    sensitive,
    keys: jwks.keys,
    savedAt: new Date().toISOString(),
    forgetAfter: new Date(end + event.sensitiveRetentionDays * 86_400_000).toISOString(),
  };
  await put('data', key(eventId), kept);
  return kept;
}

export const keptEvent = (eventId: string) => get<KeptEvent>('data', key(eventId));
export const forget = (eventId: string) => remove('data', key(eventId));

/** Forgets every kept event whose retention has ended; run at start-up. */
export async function forgetExpired(now = new Date()): Promise<number> {
  let forgotten = 0;
  for (const k of await keys('data')) {
    if (typeof k === 'string' && k.startsWith('retreat/')) {
      const kept = await get<KeptEvent>('data', k);
      if (kept && new Date(kept.forgetAfter) < now) {
        await remove('data', k);
        forgotten += 1;
      }
    }
  }
  return forgotten;
}

export type TicketCheck = { valid: true; entry: RosterEntry } | { valid: false; reason: 'signature' | 'event' | 'expired' | 'unknown' };

const decode = (part: string): Uint8Array => {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
};

/** Checks a ticket as the server would: an ES256 signature by one of the organisation's keys, for this event, not expired, on the roster. */
export async function checkTicket(token: string, kept: KeptEvent, now = Date.now()): Promise<TicketCheck> {
  const parts = token.trim().split('.');
  if (parts.length !== 3) {
    return { valid: false, reason: 'signature' };
  }
  let header: { alg?: string; kid?: string };
  let claims: { eid?: string; sub?: string; exp?: number };
  try {
    header = JSON.parse(new TextDecoder().decode(decode(parts[0])));
    claims = JSON.parse(new TextDecoder().decode(decode(parts[1])));
  } catch {
    return { valid: false, reason: 'signature' };
  }
  const jwk = kept.keys.find((k) => (k as { kid?: string }).kid === header.kid);
  if (header.alg !== 'ES256' || !jwk) {
    return { valid: false, reason: 'signature' };
  }
  const publicKey = await crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const signed = new TextEncoder().encode(parts[0] + '.' + parts[1]);
  const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, decode(parts[2]) as BufferSource, signed);
  if (!ok) {
    return { valid: false, reason: 'signature' };
  }
  if (claims.eid !== kept.event.id) {
    return { valid: false, reason: 'event' };
  }
  if (!claims.exp || claims.exp * 1000 < now) {
    return { valid: false, reason: 'expired' };
  }
  const entry = kept.roster.find((r) => r.registrationId === claims.sub && r.status === 'CONFIRMED');
  return entry ? { valid: true, entry } : { valid: false, reason: 'unknown' };
}

/** Marks a man checked in on this device's roster (the server's word comes when the queue is sent). */
export async function markCheckedIn(eventId: string, registrationId: string, at: string): Promise<void> {
  const kept = await keptEvent(eventId);
  if (kept) {
    kept.roster = kept.roster.map((r) => (r.registrationId === registrationId && !r.checkedInAt ? { ...r, checkedInAt: at } : r));
    await put('data', key(eventId), kept);
  }
}
