import { useParams } from 'react-router';
import StaffEvent from '../../features/events/components/StaffEvent';
import { MustReach } from '../../features/safety/components/MustReach';

/**
 * An event its staff run, with a must-reach message to everyone coming and its staff from the safety feature (a new
 * event, not yet saved, has no one to reach). The server lets the event's PTMs and admins send it.
 */
export default function StaffEventRoute() {
  const { id } = useParams();
  return <StaffEvent more={id ? <MustReach eventId={id} /> : undefined} />;
}
