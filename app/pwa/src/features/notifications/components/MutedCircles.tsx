import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { t } from '../../../i18n/t';
import { day } from '../../../ui/format';
import { Loaded, Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { useMutedCircles, useSetCircleMuted } from '../api/mutes';
import type { MutedCircle } from '../api/types';

/**
 * On a circle's page: a switch that mutes its chat and announcements for him. While the server has not answered it
 * shows what he asked; then what the server answered.
 */
export function MuteCircleSwitch({ circleId }: { circleId: string }) {
  const muted = useMutedCircles();
  const [done, setDone] = useState('');
  const change = useSetCircleMuted({
    onSuccess: (list, asked) => setDone(t(list.items.some((c) => c.circleId === asked.circleId) ? 'notifications.mute.muted' : 'notifications.mute.unmuted')),
  });
  const held = muted.data?.items.some((c) => c.circleId === circleId) ?? false;
  const shown = change.isPending ? change.variables.muted : held;
  const helpId = 'mute-circle-help';
  return (
    <Section title={t('notifications.mute.title')}>
      <FormControlLabel
        sx={{ mr: 0, alignItems: 'center' }}
        control={
          <Switch
            checked={shown}
            disabled={muted.isPending || change.isPending || Boolean(muted.error)}
            slotProps={{ input: { 'aria-describedby': helpId } }}
            onChange={(e) => {
              setDone('');
              change.mutate({ circleId, muted: e.target.checked });
            }}
          />
        }
        label={t('notifications.mute.label')}
      />
      <FormHelperText id={helpId} sx={{ mt: 0 }}>{t('notifications.mute.help')}</FormHelperText>
      <ProblemAlert error={change.error ?? muted.error} />
      <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500 }}>{done}</Typography>
    </Section>
  );
}

/** In his notification settings: the circles he muted, each with a button to unmute it. */
export function MutedCirclesSection() {
  const muted = useMutedCircles();
  const [done, setDone] = useState('');
  return (
    <Section title={t('notifications.mute.listTitle')}>
      <Typography variant="body2">{t('notifications.mute.help')}</Typography>
      <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500, mt: 1 }}>{done}</Typography>
      <Loaded query={muted}>
        {(list) =>
          list.items.length === 0 ? (
            <Typography sx={{ my: 1 }}>{t('notifications.mute.none')}</Typography>
          ) : (
            <List aria-label={t('notifications.mute.listTitle')}>
              {list.items.map((circle) => (
                <MutedCircleItem key={circle.circleId} circle={circle} onUnmuted={() => setDone(t('notifications.mute.unmutedName', { name: circle.name }))} />
              ))}
            </List>
          )
        }
      </Loaded>
    </Section>
  );
}

function MutedCircleItem({ circle, onUnmuted }: { circle: MutedCircle; onUnmuted: () => void }) {
  const unmute = useSetCircleMuted({ onSuccess: onUnmuted });
  return (
    <ListItem divider sx={{ display: 'block', px: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>{circle.name}</Typography>
          <Typography variant="body2" color="text.secondary">
            <time dateTime={circle.mutedAt}>{t('notifications.mute.since', { when: day(circle.mutedAt) })}</time>
          </Typography>
        </Box>
        <Button
          variant="outlined" aria-label={t('notifications.mute.unmuteName', { name: circle.name })} disabled={unmute.isPending} sx={{ flexShrink: 0 }}
          onClick={() => unmute.mutate({ circleId: circle.circleId, muted: false })}
        >
          {t('notifications.mute.unmute')}
        </Button>
      </Box>
      <ProblemAlert error={unmute.error} />
    </ListItem>
  );
}
