import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { has, t } from '../../../i18n/t';
import { Loaded, Page, Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { usePreferences, useSavePreference } from '../api/preferences';
import type { Channel, NotificationKind, NotificationLevel, NotificationPreferences } from '../api/types';
import { CHANNELS, levelsFor } from '../notices';
import { DigestSection } from './Digest';
import { QuietHoursSection } from './QuietHours';
import { ThisDeviceSection } from './ThisDevice';

const kindLabel = (kind: NotificationKind) => (has('notifications.kinds.' + kind) ? t('notifications.kinds.' + kind) : kind);
const channelLabel = (channel: Channel) => t('notifications.channels.' + channel);
const levelLabel = (level: NotificationLevel) => t('notifications.levels.' + level);

/** Notifications on this device; what he hears about, per kind and channel, each change saved as he makes it; his quiet hours; his digest. */
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
    </Page>
  );
}

function Kinds({ view }: { view: NotificationPreferences }) {
  const kinds = [...new Set(view.items.map((item) => item.kind))];
  const verified = new Map(view.channels.map((state) => [state.channel, state.verified]));
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {kinds.map((kind) => (
        <KindCard
          key={kind}
          kind={kind}
          levels={new Map(view.items.filter((item) => item.kind === kind).map((item) => [item.channel, item.level]))}
          verified={verified}
        />
      ))}
    </Box>
  );
}

/** One kind: a level per channel, or, for safety, the words that it always reaches him. */
function KindCard({ kind, levels, verified }: { kind: NotificationKind; levels: Map<Channel, NotificationLevel>; verified: Map<Channel, boolean> }) {
  const save = useSavePreference();
  const headingId = 'kind-' + kind;
  const pending = save.isPending ? save.variables : undefined;
  return (
    <Paper variant="outlined" role="group" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Typography variant="h3" component="h3" id={headingId} sx={{ mb: 1 }}>{kindLabel(kind)}</Typography>
      {kind === 'SAFETY' ? (
        <Typography variant="body2">{t('notifications.safetyFixed')}</Typography>
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
          {CHANNELS.map((channel) => (
            <LevelSelect
              key={channel}
              id={'level-' + kind + '-' + channel}
              channel={channel}
              value={pending?.channel === channel ? pending.level : (levels.get(channel) ?? 'OFF')}
              verified={verified.get(channel) ?? false}
              onChange={(level) => save.mutate({ kind, channel, level })}
            />
          ))}
        </Box>
      )}
      <ProblemAlert error={save.error} />
      <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500 }}>
        {save.isSuccess ? t('notifications.saved', { channel: channelLabel(save.variables.channel), level: levelLabel(save.variables.level) }) : ''}
      </Typography>
    </Paper>
  );
}

/** A native select (the phone's own picker); a channel he has not verified is shown, disabled, with what to do. */
function LevelSelect({ id, channel, value, verified, onChange }: {
  id: string;
  channel: Channel;
  value: NotificationLevel;
  verified: boolean;
  onChange: (level: NotificationLevel) => void;
}) {
  // The label and reason of a disabled select keep the contrast of secondary text, to stay readable.
  const readable = { '&.Mui-disabled': { color: 'text.secondary' } };
  return (
    <TextField
      select
      id={id}
      label={channelLabel(channel)}
      value={value}
      disabled={!verified}
      helperText={verified ? undefined : t('notifications.unverified.' + channel)}
      onChange={(e) => onChange(e.target.value as NotificationLevel)}
      slotProps={{ select: { native: true }, inputLabel: { sx: readable }, formHelperText: { sx: readable } }}
    >
      {levelsFor(channel).map((level) => (
        <option key={level} value={level}>{levelLabel(level)}</option>
      ))}
    </TextField>
  );
}
