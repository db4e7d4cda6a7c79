import { t } from '../../i18n/t';
import type { Campaign, CampaignRequest, ContactRequest, Report } from './api/types';

// Outreach's rules as the screens need them: pure functions, tested in outreach.test.ts.

/** Who runs outreach (admins and leadership): they add any man met, see every contact and run campaigns. */
export const ORGANISER = 'announcements.post';

export const nameOf = (contact: { firstName: string; lastName: string }) => `${contact.firstName} ${contact.lastName}`.trim();

/** The form for a contact, as he types it. `mine`: an organiser's own friend (he is the inviter). */
export interface ContactDraft {
  email: string;
  firstName: string;
  lastName: string;
  source: string;
  consentNote: string;
  consent: boolean;
  mine: boolean;
}

export const blankContact: ContactDraft = { email: '', firstName: '', lastName: '', source: '', consentNote: '', consent: false, mine: false };

const given = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** What is missing before the form may send: his consent above all; from an organiser also where he was met and how he said yes. */
export function missingOfContact(draft: ContactDraft, organiser: boolean) {
  return {
    email: draft.email.trim() === '',
    firstName: draft.firstName.trim() === '',
    // An organiser's own friend needs no source: the server writes "Friend of a member".
    source: organiser && !draft.mine && draft.source.trim() === '',
    consentNote: organiser && draft.consentNote.trim() === '',
    consent: !draft.consent,
  };
}

/** The request for the draft: a member's friend is his (the server makes him the inviter whatever is sent), an organiser's when he says so. */
export function contactRequestOf(draft: ContactDraft, organiser: boolean, me: string | undefined): ContactRequest {
  return {
    email: draft.email.trim(), firstName: draft.firstName.trim(), lastName: given(draft.lastName), consent: draft.consent, consentNote: given(draft.consentNote),
    ...(organiser ? { source: given(draft.source), invitedBy: draft.mine ? me : undefined } : {}),
  };
}

/** The form for a campaign, as he types it. */
export interface CampaignDraft {
  title: string;
  subject: string;
  body: string;
  eventId: string;
  segmentSource: string;
  invitedOnly: boolean;
}

export const blankCampaign: CampaignDraft = { title: '', subject: '', body: '', eventId: '', segmentSource: '', invitedOnly: false };

export const missingOfCampaign = (draft: CampaignDraft) => ({
  title: draft.title.trim() === '', subject: draft.subject.trim() === '', body: draft.body.trim() === '',
});

export function campaignRequestOf(draft: CampaignDraft): CampaignRequest {
  return {
    title: draft.title.trim(), subject: draft.subject.trim(), body: draft.body.trim(), eventId: given(draft.eventId), segmentSource: given(draft.segmentSource),
    invitedOnly: draft.invitedOnly,
  };
}

/** Whom a campaign goes to, in a line: every contact or those of one source, and only friends brought by members when so. */
export function segmentOf(campaign: Pick<Campaign, 'segmentSource' | 'invitedOnly'>): string {
  const who = campaign.segmentSource ? t('outreach.campaigns.segmentSource', { source: campaign.segmentSource }) : t('outreach.campaigns.segmentAll');
  return campaign.invitedOnly ? t('outreach.campaigns.segmentInvitedOnly', { who }) : who;
}

/** "1 man", "3 men". */
export const men = (n: number) => (n === 1 ? t('outreach.campaigns.oneMan') : t('outreach.campaigns.men', { n }));

/**
 * What Send asks before it mails: a draft goes to its whole segment; a campaign sent already mails only those of its
 * segment not invited yet (men added since), at most the segment less those invited.
 */
export function sendQuestion(campaign: Pick<Campaign, 'status' | 'segmentSize' | 'invited'>): { title: string; body: string } {
  if (campaign.status === 'SENT') {
    return {
      title: t('outreach.campaigns.sendAgainTitle'),
      body: t('outreach.campaigns.sendAgainBody', { segment: men(campaign.segmentSize), invited: campaign.invited }),
    };
  }
  return { title: t('outreach.campaigns.sendTitle', { men: men(campaign.segmentSize) }), body: t('outreach.campaigns.sendBody') };
}

/** What the answer to a send says: how many this press mailed, and how many the campaign has invited in all. */
export const sentText = (result: { invited: number; total: number }) =>
  result.invited === 0 ? t('outreach.campaigns.sentNone', { total: result.total }) : t('outreach.campaigns.sent', { men: men(result.invited), total: result.total });

/** The report's numbers, in the order they show at the top. */
export const NUMBERS = ['sent', 'yes', 'maybe', 'no', 'unanswered', 'came', 'becameMembers', 'joinedCircle', 'unsubscribed'] as const satisfies readonly (keyof Report)[];
