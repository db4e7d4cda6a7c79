import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { Loaded, Page, Section } from '../../../ui/Page';
import { useDefaults, useSaveDefault } from '../api/defaults';
import type { Channel, NotificationKind, NotificationLevel } from '../api/types';
import { KindCard, KindCards } from './Levels';

/** For admins: what a man who never chose hears about, per kind and channel, each change saved as it is made. */
export default function NotificationDefaults() {
  const defaults = useDefaults();
  return (
    <Page title={t('notifications.defaults.title')}>
      <Button component={Link} to="/admin/settings" sx={{ ml: -1 }}>{'← ' + t('admin.settings')}</Button>
      <Typography variant="body2">{t('notifications.defaults.help')}</Typography>
      <Typography variant="body2" sx={{ mt: 1 }}>{t('notifications.defaults.verifiedOnly')}</Typography>
      <Section title={t('notifications.defaults.kindsTitle')}>
        <Loaded query={defaults}>
          {(list) => <KindCards items={list.items} card={(kind, levels) => <DefaultKindCard kind={kind} levels={levels} />} />}
        </Loaded>
      </Section>
    </Page>
  );
}

/** One kind's defaults, every channel open to choose: a default is used only where a man has verified the channel. */
function DefaultKindCard({ kind, levels }: { kind: NotificationKind; levels: Map<Channel, NotificationLevel> }) {
  const save = useSaveDefault();
  return <KindCard kind={kind} levels={levels} save={save} safetyText={t('notifications.defaults.safetyFixed')} />;
}
