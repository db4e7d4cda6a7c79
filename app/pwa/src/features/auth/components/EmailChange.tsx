import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useParams } from 'react-router';
import { t } from '../../../i18n/t';
import { ProblemAlert } from '../../../ui/Problem';
import { useConfirmEmailChange } from '../api/auth';
import { AuthCard } from './AuthCard';

/**
 * The link mailed to a new address: the change is made only when he presses the button (mail scanners open links,
 * and a page that acted on opening would let them decide for him).
 */
export default function EmailChange() {
  const { token = '' } = useParams();
  const change = useConfirmEmailChange(token);
  return (
    <AuthCard title={t('auth.emailChange.title')}>
      {change.isSuccess ? (
        <Alert severity="success" role="status">{change.data.detail}</Alert>
      ) : (
        <>
          <Typography sx={{ mb: 2 }}>{t('auth.emailChange.help')}</Typography>
          <Button variant="contained" onClick={() => change.mutate()} disabled={change.isPending}>{t('auth.emailChange.confirm')}</Button>
        </>
      )}
      <ProblemAlert error={change.error} />
      <Button component={RouterLink} to="/" sx={{ mt: 2, display: 'block' }}>{t('auth.emailChange.toApp')}</Button>
    </AuthCard>
  );
}
