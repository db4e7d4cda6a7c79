import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { t } from '../../../i18n/t';
import { Loaded, Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { useSetPreviews, useThisDevice, useTurnOff, useTurnOn, type ThisDevice } from '../api/push';
import { askPermission } from '../device';

/**
 * Notifications on this device: the browser asks his permission only when he taps to turn them on. Where the
 * browser cannot, blocks them, or the organisation sends none, the section says so instead.
 */
export function ThisDeviceSection() {
  const device = useThisDevice();
  return (
    <Section title={t('notifications.device.title')}>
      <Typography variant="body2">{t('notifications.device.help')}</Typography>
      <Loaded query={device}>{(data) => <DeviceState device={data} />}</Loaded>
    </Section>
  );
}

function DeviceState({ device }: { device: ThisDevice }) {
  const [done, setDone] = useState('');
  const [previews, setPreviewsChoice] = useState(false);
  const turnOn = useTurnOn({ onSuccess: () => setDone(t('notifications.device.turnedOn')) });
  const turnOff = useTurnOff({ onSuccess: () => setDone(t('notifications.device.turnedOff')) });
  const changePreviews = useSetPreviews({
    onSuccess: (answer) => setDone(t(answer.previews ? 'notifications.device.previewsShown' : 'notifications.device.previewsHidden')),
  });
  const pending = turnOn.isPending || turnOff.isPending || changePreviews.isPending;
  const error = turnOn.error ?? turnOff.error ?? changePreviews.error;
  const clear = () => {
    setDone('');
    turnOn.reset();
    turnOff.reset();
    changePreviews.reset();
  };

  if (device.state !== 'on' && device.state !== 'off') {
    return (
      <>
        <Typography sx={{ my: 1 }}>{t('notifications.device.' + device.state)}</Typography>
        <Typography role="status" sx={{ color: 'success.main', fontWeight: 500 }}>{done}</Typography>
      </>
    );
  }
  const { key } = device;
  const on = device.state === 'on';
  const shown = changePreviews.isPending ? changePreviews.variables : on ? device.previews : previews;
  return (
    <>
      <Typography sx={{ my: 1 }}>{t(on ? 'notifications.device.on' : 'notifications.device.off')}</Typography>
      <FormControlLabel
        control={
          <Checkbox
            checked={shown}
            disabled={pending}
            slotProps={{ input: { 'aria-describedby': 'device-previews-help' } }}
            onChange={(e) => {
              clear();
              if (on) {
                changePreviews.mutate(e.target.checked);
              } else {
                setPreviewsChoice(e.target.checked);
              }
            }}
          />
        }
        label={t('notifications.device.previews')}
      />
      <FormHelperText id="device-previews-help" sx={{ mt: 0 }}>{t('notifications.device.previewsHelp')}</FormHelperText>
      <ProblemAlert error={error} />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 2 }}>
        {on ? (
          <Button variant="outlined" disabled={pending} onClick={() => {
            clear();
            turnOff.mutate();
          }}>
            {t('notifications.device.turnOff')}
          </Button>
        ) : (
          <Button variant="contained" disabled={pending} onClick={() => {
            clear();
            turnOn.mutate({ key, previews, permission: askPermission() });
          }}>
            {t('notifications.device.turnOn')}
          </Button>
        )}
      </Box>
      <Typography role="status" sx={{ color: 'success.main', fontWeight: 500, mt: 1 }}>{done}</Typography>
    </>
  );
}
