import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { t } from '../../../i18n/t';

/** Quiet hours and the digest are read on his clock, which he keeps on his profile (one zone for everything). */
export function YourTimeZone({ zone }: { zone: string }) {
  return (
    <Typography variant="body2" sx={{ mt: 1 }}>
      {t('notifications.yourZone', { zone: zone.replace(/_/g, ' ') })}{' '}
      <Link component={RouterLink} to="/profile">{t('notifications.changeZone')}</Link>
    </Typography>
  );
}
