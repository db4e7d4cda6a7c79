import FacilitateCircle from '../../features/circles/components/FacilitateCircle';
import { useMemberNames } from '../../features/members/api/members';

/** A facilitator's circle, with the names of the men asking to join from the members feature. */
export default function FacilitateCircleRoute() {
  const nameOf = useMemberNames();
  return <FacilitateCircle nameOf={nameOf} />;
}
