import Typography from '@mui/material/Typography';
import { t } from '../../../i18n/t';
import { Loaded, Page, Section } from '../../../ui/Page';
import { usePreferences, useSavePreference } from '../api/preferences';
import type { Channel, NotificationKind, NotificationLevel, NotificationPreferences } from '../api/types';
import { DigestSection } from './Digest';
import { KindCard, KindCards } from './Levels';
import { MutedCirclesSection } from './MutedCircles';
import { QuietHoursSection } from './QuietHours';
import { ThisDeviceSection } from './ThisDevice';

/** Notifications on this device; what he hears about, per kind and channel, each change saved as he makes it; his quiet hours; his digest; the circles he muted. */
export default function NotificationSettings() {
  const preferences = usePreferences();
  return (
    <Page title={t('notifications.settings')}>
      <Typography variant="body2">{t('notifications.settingsHelp')}</Typography>
      <ThisDeviceSection />
      <Section title={t('notifications.kindsTitle')}>
        <Loaded query={preferences}>{(view) => <Kinds view={view} />}</Loaded>
      </Section>
      <QuietHoursSection />
      <DigestSection />
      <MutedCirclesSection />
    </Page>
  );
}

function Kinds({ view }: { view: NotificationPreferences }) {
  const verified = new Map(view.channels.map((state) => [state.channel, state.verified]));
  return <KindCards items={view.items} card={(kind, levels) => <HisKindCard kind={kind} levels={levels} verified={verified} />} />;
}

/** One kind of his, each change saved to his own preferences. */
function HisKindCard({ kind, levels, verified }: { kind: NotificationKind; levels: Map<Channel, NotificationLevel>; verified: Map<Channel, boolean> }) {
  const save = useSavePreference();
  return <KindCard kind={kind} levels={levels} verified={verified} save={save} />;
}
