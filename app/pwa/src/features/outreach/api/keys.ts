/**
 * Every query key of outreach. Keys nest: `contacts` reaches every page of contacts (his friends, or all of them for
 * organisers: the server decides); `campaigns` every page of the campaigns list; `campaign(id)` one campaign and its
 * report under it.
 */
export const outreachKeys = {
  all: ['outreach'] as const,
  contacts: () => [...outreachKeys.all, 'contacts'] as const,
  /** One page of the contacts he may see. */
  contactPage: (page: number, size: number) => [...outreachKeys.contacts(), page, size] as const,
  campaigns: () => [...outreachKeys.all, 'campaigns'] as const,
  campaignPage: (page: number) => [...outreachKeys.campaigns(), page] as const,
  campaign: (id: string) => [...outreachKeys.all, 'campaign', id] as const,
  /** The campaign in numbers, and one line per invitation. */
  report: (id: string) => [...outreachKeys.campaign(id), 'report'] as const,
};
