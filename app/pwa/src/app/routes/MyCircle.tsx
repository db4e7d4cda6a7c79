import MyCircle from '../../features/circles/components/MyCircle';
import { MuteCircleSwitch } from '../../features/notifications/components/MutedCircles';

/** His circle, with the switch from notifications that mutes its chat and announcements for him. */
export default function MyCircleRoute() {
  return <MyCircle more={(circleId) => <MuteCircleSwitch circleId={circleId} />} />;
}
