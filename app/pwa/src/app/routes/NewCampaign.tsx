import { useQuery } from '@tanstack/react-query';
import { comingEventsQuery } from '../../features/events/api/events';
import NewCampaign, { type EventChoice } from '../../features/outreach/components/NewCampaign';
import { day } from '../../ui/format';

/** A new campaign, with the coming events (from the events feature) as the evenings it may invite to. */
export default function NewCampaignRoute() {
  const coming = useQuery(comingEventsQuery(100));
  // Undefined while they load; none when they cannot be read (the campaign then invites to no event).
  const events: EventChoice[] | undefined = coming.isError ? [] : coming.data?.items.map((e) => ({ id: e.id, name: e.title + ' (' + day(e.startsAt) + ')' }));
  return <NewCampaign events={events} />;
}
