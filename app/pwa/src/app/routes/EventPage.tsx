import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useAuth } from '../../auth';
import { EventDocuments } from '../../features/documents/components/AttachedDocuments';
import { eventsIRunQuery } from '../../features/events/api/events';
import EventPage from '../../features/events/components/EventPage';
import { PlanLine } from '../../features/payments/components/PlanLine';

/**
 * An event's page, with the payment plan of a seat paid in instalments from the payments feature, and the event's
 * documents (its waiver to acknowledge before check-in) from the documents feature, with one to share for who runs it.
 */
export default function EventPageRoute() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const admin = can('organisation.manage');
  // Only the production team asks which events they run: a man reading the page shares nothing.
  const runs = useQuery({ ...eventsIRunQuery(), enabled: !admin && can('events.manage') });
  const mayShare = admin || Boolean(runs.data?.items.some((e) => e.id === id));
  return <EventPage planLine={(registrationId) => <PlanLine registrationId={registrationId} />} more={<EventDocuments eventId={id} mayShare={mayShare} />} />;
}
