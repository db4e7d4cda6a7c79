import { useAuth } from '../../auth';
import { useMyCircle } from '../../features/circles/api/circles';
import MyCircle from '../../features/circles/components/MyCircle';
import { CircleDocuments } from '../../features/documents/components/AttachedDocuments';
import { MuteCircleSwitch } from '../../features/notifications/components/MutedCircles';
import { CirclePolls } from '../../features/polls/components/CirclePolls';

/**
 * His circle, with the switch from notifications that mutes its chat and announcements for him, and the circle's polls
 * (a new one for its facilitators and admins, as the server decides) and its documents (one to share for the same men).
 */
export default function MyCircleRoute() {
  const { me, can } = useAuth();
  const circle = useMyCircle();
  const facilitator = Boolean(circle.data?.circle?.facilitators.some((f) => f.id === me?.person.id));
  const mayAsk = can('organisation.manage') || (facilitator && can('circles.manage'));
  return (
    <MyCircle
      more={(circleId) => (
        <>
          <MuteCircleSwitch circleId={circleId} />
          <CirclePolls circleId={circleId} mayAsk={mayAsk} />
          <CircleDocuments circleId={circleId} mayShare={mayAsk} />
        </>
      )}
    />
  );
}
