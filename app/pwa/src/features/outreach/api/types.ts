import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of outreach, each named once here: the rest of the feature imports these names. */
export type Contact = Schemas['Contact'];
export type ContactRequest = Schemas['ContactRequest'];
export type ContactPage = Schemas['Paged_Outreach.Contact_'];
export type Campaign = Schemas['Campaign'];
export type CampaignRequest = Schemas['CampaignRequest'];
export type CampaignPage = Schemas['Paged_Outreach.Campaign_'];
/** What a send answers: `invited` mailed by this send, `total` invited by the campaign in all. */
export type SendResult = Schemas['CampaignSendResult'];
export type Report = Schemas['CampaignReport'];
/** One invitation of a campaign's report: his name, who brought him, his answer, whether he came, joined, is in a circle. */
export type ReportLine = Schemas['CampaignReportLine'];
