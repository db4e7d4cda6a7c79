import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useEffect } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { t } from '../../../i18n/t';
import { ProblemAlert } from '../../../ui/Problem';
import { useVerifyEmail } from '../api/auth';
import { AuthCard } from './AuthCard';

export default function VerifyEmail() {
  const { token = '' } = useParams();
  const verify = useVerifyEmail(token);
  const { mutate } = verify;
  useEffect(() => mutate(), [mutate]);
  return (
    <AuthCard title={t('auth.verified')}>
      {verify.isPending && <p role="status">{t('auth.verifying')}</p>}
      {verify.isSuccess && <Alert severity="success" role="status">{verify.data.detail}</Alert>}
      <ProblemAlert error={verify.error} />
      <Button component={RouterLink} to="/signin" variant="contained" sx={{ mt: 2 }}>
        {t('auth.toSignIn')}
      </Button>
    </AuthCard>
  );
}
