import EventPage from '../../features/events/components/EventPage';
import { PlanLine } from '../../features/payments/components/PlanLine';

/** An event's page, with the payment plan of a seat paid in instalments from the payments feature. */
export default function EventPageRoute() {
  return <EventPage planLine={(registrationId) => <PlanLine registrationId={registrationId} />} />;
}
