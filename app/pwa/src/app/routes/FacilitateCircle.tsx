import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useAuth } from '../../auth';
import { circleQuery } from '../../features/circles/api/circle';
import FacilitateCircle from '../../features/circles/components/FacilitateCircle';
import { CircleDocuments } from '../../features/documents/components/AttachedDocuments';
import { useMemberNames } from '../../features/members/api/members';
import { MuteCircleSwitch } from '../../features/notifications/components/MutedCircles';
import { CirclePolls } from '../../features/polls/components/CirclePolls';
import { MustReach } from '../../features/safety/components/MustReach';

/**
 * A facilitator's circle, with the names of the men asking to join from the members feature, and a must-reach message
 * to its men for those who may send one: its facilitators and admins (as the server decides, and as My circles lists);
 * and, for its facilitators, the switch from notifications that mutes its chat and announcements for him; and the
 * circle's polls and documents, with a new one of each for the same men who may send a must-reach message.
 */
export default function FacilitateCircleRoute() {
  const { id = '' } = useParams();
  const { me, can } = useAuth();
  const nameOf = useMemberNames();
  const circle = useQuery(circleQuery(id));
  const facilitator = Boolean(circle.data?.facilitators.some((f) => f.id === me?.person.id));
  const mayReach = facilitator || can('organisation.manage');
  return (
    <FacilitateCircle
      nameOf={nameOf}
      more={
        <>
          {mayReach && <MustReach circleId={id} />}
          {facilitator && <MuteCircleSwitch circleId={id} />}
          <CirclePolls circleId={id} mayAsk={mayReach} />
          <CircleDocuments circleId={id} mayShare={mayReach} />
        </>
      }
    />
  );
}
