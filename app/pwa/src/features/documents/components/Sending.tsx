import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { locale, t } from '../../../i18n/t';

/**
 * A file going up, while its request is pending: the share of it sent (`progress`, 0 to 1), in a bar and in words. The bar
 * runs without a value until the browser says how far it is, and again once all is sent and the server checks and keeps it.
 */
export function Sending({ progress }: { progress: number | null }) {
  const going = progress !== null && progress < 1;
  // Down, not rounded: 100% only once every byte is sent.
  const percent = going ? Math.floor(progress * 100) : undefined;
  const text = progress === null
    ? t('documents.form.sending')
    : going
      ? t('documents.form.sendingPercent', { percent: new Intl.NumberFormat(locale(), { style: 'percent' }).format(percent! / 100) })
      : t('documents.form.checking');
  return (
    <Box sx={{ my: 1.5 }}>
      <LinearProgress variant={going ? 'determinate' : 'indeterminate'} value={percent} aria-label={t('documents.form.sendingLabel')} aria-valuetext={text}
        sx={{ height: 8, borderRadius: 1 }} />
      <Typography variant="body2" sx={{ mt: 0.5 }}>{text}</Typography>
    </Box>
  );
}
