// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkTicket, type KeptEvent } from './retreat';

const b64url = (value: Uint8Array | string) => {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

async function organisationKeys() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const jwk = { ...(await crypto.subtle.exportKey('jwk', pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const sign = async (claims: object, kid = 'k1') => {
    const head = b64url(JSON.stringify({ alg: 'ES256', kid, typ: 'hearth-ticket' }));
    const body = b64url(JSON.stringify(claims));
    const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(head + '.' + body)));
    return head + '.' + body + '.' + b64url(signature);
  };
  return { jwk, sign };
}

function kept(jwk: JsonWebKey): KeptEvent {
  return {
    event: { id: 'event-1' } as KeptEvent['event'],
    roster: [
      { registrationId: 'reg-1', personId: 'p1', firstName: 'Tom', lastName: 'Oak', status: 'CONFIRMED' },
      { registrationId: 'reg-2', personId: 'p2', firstName: 'Ray', lastName: 'Ash', status: 'WAITLISTED' },
    ],
    staff: [],
    teams: null,
    sensitive: {},
    keys: [jwk],
    savedAt: new Date().toISOString(),
    forgetAfter: new Date(Date.now() + 86_400_000).toISOString(),
  };
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('checking a ticket offline against the kept roster', () => {
  it('accepts a ticket signed by the organisation for this event and names the man', async () => {
    const { jwk, sign } = await organisationKeys();

    const check = await checkTicket(await sign({ eid: 'event-1', sub: 'reg-1', exp: inAnHour() }), kept(jwk));

    expect(check).toEqual({ valid: true, entry: expect.objectContaining({ firstName: 'Tom', lastName: 'Oak' }) });
  });

  it('refuses a ticket whose claims were changed after signing', async () => {
    const { jwk, sign } = await organisationKeys();
    const [head, , signature] = (await sign({ eid: 'event-1', sub: 'reg-1', exp: inAnHour() })).split('.');
    const forged = head + '.' + b64url(JSON.stringify({ eid: 'event-1', sub: 'reg-1', exp: inAnHour() + 99 })) + '.' + signature;

    expect(await checkTicket(forged, kept(jwk))).toEqual({ valid: false, reason: 'signature' });
  });

  it('refuses a ticket signed by a key the organisation does not publish', async () => {
    const { jwk } = await organisationKeys();
    const stranger = await organisationKeys();

    expect(await checkTicket(await stranger.sign({ eid: 'event-1', sub: 'reg-1', exp: inAnHour() }), kept(jwk))).toEqual({ valid: false, reason: 'signature' });
  });

  it('refuses a ticket for another event, an expired one, and one without a confirmed seat', async () => {
    const { jwk, sign } = await organisationKeys();

    expect(await checkTicket(await sign({ eid: 'event-2', sub: 'reg-1', exp: inAnHour() }), kept(jwk))).toEqual({ valid: false, reason: 'event' });
    expect(await checkTicket(await sign({ eid: 'event-1', sub: 'reg-1', exp: 1000 }), kept(jwk))).toEqual({ valid: false, reason: 'expired' });
    expect(await checkTicket(await sign({ eid: 'event-1', sub: 'reg-2', exp: inAnHour() }), kept(jwk))).toEqual({ valid: false, reason: 'unknown' });
  });

  it('refuses what is not a token at all', async () => {
    const { jwk } = await organisationKeys();

    expect(await checkTicket('not a ticket', kept(jwk))).toEqual({ valid: false, reason: 'signature' });
  });
});
