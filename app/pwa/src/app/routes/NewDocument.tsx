import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../../auth';
import { activeCirclesQuery } from '../../features/circles/api/circles';
import NewDocument, { type Choice } from '../../features/documents/components/NewDocument';
import { comingEventsQuery, eventsIRunQuery } from '../../features/events/api/events';
import { day } from '../../ui/format';

/**
 * Sharing a document, with the audiences he may share with from the features that know them: the circles he
 * facilitates (admins: every active circle) and the coming events he runs (admins: every coming event).
 */
export default function NewDocumentRoute() {
  const { me, can } = useAuth();
  const admin = can('organisation.manage');
  const facilitates = admin || can('circles.manage');
  const circles = useQuery({ ...activeCirclesQuery(), enabled: facilitates });
  const coming = useQuery({ ...comingEventsQuery(100), enabled: admin });
  const staffed = useQuery({ ...eventsIRunQuery(), enabled: !admin && can('events.manage') });
  const events = admin ? coming : staffed;
  // Undefined while a list loads; none when he may not share with any, or when it cannot be read.
  const circleChoices: Choice[] | undefined = !facilitates || circles.isError ? []
    : circles.data?.items.filter((c) => admin || c.facilitators.some((f) => f.id === me?.person.id)).map((c) => ({ id: c.id, name: c.name }));
  const eventChoices: Choice[] | undefined = !(admin || can('events.manage')) || events.isError ? []
    : events.data?.items.map((e) => ({ id: e.id, name: e.title + ' (' + day(e.startsAt) + ')' }));
  return <NewDocument circles={circleChoices} events={eventChoices} />;
}
