import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { outreachKeys } from './keys';
import type { Campaign, CampaignRequest, ContactRequest, Report, ReportLine, SendResult } from './types';

// Outreach: contacts (the friends he brought, or every contact for organisers), campaigns, sending one, its report.

export const CONTACTS_PAGE = 20;
const CAMPAIGNS_PAGE = 20;

export const getContacts = (page: number, size: number) => must(api.GET('/api/v1/contacts', { params: { query: { page, size } } }));

/** The contacts he may see, a page at a time: a member's the friends he brought, an organiser's all of them. The page shown stays while the next loads. */
export const contactsQuery = (page: number, size = CONTACTS_PAGE) =>
  queryOptions({ queryKey: outreachKeys.contactPage(page, size), queryFn: () => getContacts(page, size), placeholderData: keepPreviousData });

/** A contact added or erased changes the lists and every campaign's segment: everything of outreach is read again. */
const anyChange = (queries: QueryClient) => void queries.invalidateQueries({ queryKey: outreachKeys.all });

export const addContact = (request: ContactRequest) => must(api.POST('/api/v1/contacts', { body: request }));

export const useAddContact = (after?: After<Awaited<ReturnType<typeof addContact>>, ContactRequest>) => useRequest(addContact, anyChange, after);

export const eraseContact = (id: string) => must(api.DELETE('/api/v1/contacts/{id}', { params: { path: { id } } }));

/** Erases a contact: his address and names are overwritten; campaigns keep him as a count. */
export const useEraseContact = (after?: After<unknown, string>) => useRequest(eraseContact, anyChange, after);

export const getCampaigns = (page: number) => must(api.GET('/api/v1/campaigns', { params: { query: { page, size: CAMPAIGNS_PAGE } } }));

/** The campaigns, newest first, a page at a time. */
export const campaignsQuery = (page: number) =>
  queryOptions({ queryKey: outreachKeys.campaignPage(page), queryFn: () => getCampaigns(page), placeholderData: keepPreviousData });

export const getCampaign = (id: string) => must(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } }));

/** One campaign with the size of its segment and how many it has invited. */
export const campaignQuery = (id: string) => queryOptions({ queryKey: outreachKeys.campaign(id), queryFn: () => getCampaign(id) });

export const getReport = (id: string) => must(api.GET('/api/v1/campaigns/{id}/report', { params: { path: { id } } }));

/** The campaign in numbers, and one line per invitation with who brought him. */
export const reportQuery = (id: string) => queryOptions({ queryKey: outreachKeys.report(id), queryFn: () => getReport(id) });

export const createCampaign = (request: CampaignRequest) => must(api.POST('/api/v1/campaigns', { body: request }));

/** A new campaign, as a draft: in its place, and the list read again. */
export const useCreateCampaign = (after?: After<Campaign, CampaignRequest>) =>
  useRequest(createCampaign, (queries, campaign: Campaign) => {
    queries.setQueryData(outreachKeys.campaign(campaign.id), campaign);
    void queries.invalidateQueries({ queryKey: outreachKeys.campaigns() });
  }, after);

/** A press of Send: the campaign and the Idempotency-Key made for that press (a retry of the same press sends nothing twice). */
export interface Sending {
  id: string;
  key: string;
}

export const sendCampaign = ({ id, key }: Sending) =>
  must(api.POST('/api/v1/campaigns/{id}/send', { params: { path: { id }, header: { 'Idempotency-Key': key } } }));

/** Mails the campaign to those of its segment not invited yet; the campaign, its report and the list are read again. */
export const useSendCampaign = (after?: After<SendResult, Sending>) =>
  useRequest(sendCampaign, (queries, _: SendResult, { id }: Sending) => {
    void queries.invalidateQueries({ queryKey: outreachKeys.campaign(id) });
    void queries.invalidateQueries({ queryKey: outreachKeys.campaigns() });
  }, after);

export const markCame = (campaignId: string, invitationId: string, came: boolean) =>
  must(api.PUT('/api/v1/campaigns/{id}/invitations/{invitationId}/attendance', { params: { path: { id: campaignId, invitationId } }, body: { came } }));

/** The line as the server answered it, in its place in the report at once; the numbers are read again. */
export function lineChanged(queries: QueryClient, campaignId: string, line: ReportLine) {
  queries.setQueryData<Report>(outreachKeys.report(campaignId), (report) =>
    report && { ...report, invitations: report.invitations.map((l) => (l.invitationId === line.invitationId ? line : l)) });
  void queries.invalidateQueries({ queryKey: outreachKeys.report(campaignId) });
}

/** Organisers mark whether a man invited came (he is no member: there is no ticket to scan). */
export function useMarkCame(campaignId: string) {
  return useRequest(({ invitationId, came }: { invitationId: string; came: boolean }) => markCame(campaignId, invitationId, came),
    (queries, line: ReportLine) => lineChanged(queries, campaignId, line));
}
