import { describe, expect, it } from 'vitest';
import { aCampaign } from './fixtures';
import { blankContact, campaignRequestOf, blankCampaign, contactRequestOf, missingOfContact, segmentOf, sendQuestion, sentText } from './outreach';

const friend = { ...blankContact, email: ' tom@example.org ', firstName: 'Tom ', lastName: '', consentNote: '' };

describe('a friend added', () => {
  it('is not sent until he said yes: the consent is missing while the box is not ticked', () => {
    expect(missingOfContact(friend, false).consent).toBe(true);
    expect(Object.values(missingOfContact({ ...friend, consent: true }, false)).some(Boolean)).toBe(false);
  });

  it('needs from an organiser where he was met and how he said yes, but no source for his own friend', () => {
    const organisers = missingOfContact({ ...friend, consent: true }, true);
    expect(organisers.source).toBe(true);
    expect(organisers.consentNote).toBe(true);
    expect(missingOfContact({ ...friend, consent: true, mine: true }, true).source).toBe(false);
  });

  it('is sent trimmed, without empty optional fields; a member sends no source nor inviter (the server makes him the inviter)', () => {
    expect(contactRequestOf({ ...friend, consent: true, source: 'Talk', mine: true }, false, 'me')).toEqual({
      email: 'tom@example.org', firstName: 'Tom', lastName: undefined, consent: true, consentNote: undefined,
    });
    expect(contactRequestOf({ ...friend, consent: true, consentNote: 'At the pub', mine: true }, true, 'me')).toMatchObject({ source: undefined, invitedBy: 'me', consentNote: 'At the pub' });
    expect(contactRequestOf({ ...friend, consent: true, source: 'Library talk' }, true, 'me')).toMatchObject({ source: 'Library talk', invitedBy: undefined });
  });
});

describe('a campaign', () => {
  it('is sent without an event or a source when none is given', () => {
    expect(campaignRequestOf({ ...blankCampaign, title: ' Intro ', subject: 'Come', body: 'Text', invitedOnly: true })).toEqual({
      title: 'Intro', subject: 'Come', body: 'Text', eventId: undefined, segmentSource: undefined, invitedOnly: true,
    });
  });

  it('says whom it goes to', () => {
    expect(segmentOf({ segmentSource: null, invitedOnly: false })).toBe('To every contact');
    expect(segmentOf({ segmentSource: 'Library talk', invitedOnly: true })).toBe('To the contacts met at: Library talk, only friends brought by members');
  });

  it('asks before a draft is sent to how many men, and before a sent one goes to the men added since', () => {
    expect(sendQuestion(aCampaign({ segmentSize: 3 })).title).toBe('Send to 3 men?');
    expect(sendQuestion(aCampaign({ segmentSize: 1 })).title).toBe('Send to 1 man?');
    const again = sendQuestion(aCampaign({ status: 'SENT', segmentSize: 5, invited: 3 }));
    expect(again.title).toBe('Send to the men added since?');
    expect(again.body).toContain('5 men; 3 of them are invited already');
  });

  it('says after a send how many it mailed and how many it has invited in all', () => {
    expect(sentText({ invited: 2, total: 2 })).toBe('Sent to 2 men. 2 invited in all.');
    expect(sentText({ invited: 0, total: 4 })).toBe('No one new to send to. 4 invited in all.');
  });
});
