import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { has, t } from '../../../i18n/t';
import { ProblemAlert } from '../../../ui/Problem';
import type { Channel, NotificationKind, NotificationLevel, NotificationSetting } from '../api/types';
import { CHANNELS, levelsFor } from '../notices';

// The per-kind cards of a level per channel, shared by his own settings and the organisation's defaults.

export const kindLabel = (kind: NotificationKind) => (has('notifications.kinds.' + kind) ? t('notifications.kinds.' + kind) : kind);
export const channelLabel = (channel: Channel) => t('notifications.channels.' + channel);
export const levelLabel = (level: NotificationLevel) => t('notifications.levels.' + level);

/** One card per kind, in the server's order, each given that kind's level per channel. */
export function KindCards({ items, card }: { items: NotificationSetting[]; card: (kind: NotificationKind, levels: Map<Channel, NotificationLevel>) => ReactNode }) {
  const kinds = [...new Set(items.map((item) => item.kind))];
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {kinds.map((kind) => (
        <Box key={kind} sx={{ minWidth: 0 }}>
          {card(kind, new Map(items.filter((item) => item.kind === kind).map((item) => [item.channel, item.level])))}
        </Box>
      ))}
    </Box>
  );
}

/**
 * One kind: a level per channel, each change saved by `save` as it is made, or, for safety, the words that it always
 * reaches (`safetyText`). A channel absent from `verified` is shown disabled with what to do; without `verified`, every
 * channel may be chosen.
 */
export function KindCard({ kind, levels, verified, save, safetyText = t('notifications.safetyFixed') }: {
  kind: NotificationKind;
  levels: Map<Channel, NotificationLevel>;
  verified?: Map<Channel, boolean>;
  save: UseMutationResult<unknown, Error, NotificationSetting>;
  safetyText?: string;
}) {
  const headingId = 'kind-' + kind;
  const pending = save.isPending ? save.variables : undefined;
  return (
    <Paper variant="outlined" role="group" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Typography variant="h3" component="h3" id={headingId} sx={{ mb: 1, overflowWrap: 'anywhere' }}>{kindLabel(kind)}</Typography>
      {kind === 'SAFETY' ? (
        <Typography variant="body2">{safetyText}</Typography>
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
          {CHANNELS.map((channel) => (
            <LevelSelect
              key={channel}
              id={'level-' + kind + '-' + channel}
              channel={channel}
              value={pending?.channel === channel ? pending.level : (levels.get(channel) ?? 'OFF')}
              verified={verified ? (verified.get(channel) ?? false) : true}
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

/** A native select (the phone's own picker); a channel not verified is shown, disabled, with what to do. */
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
