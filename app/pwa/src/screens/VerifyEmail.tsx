import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, must } from '../api/client';
import { t } from '../i18n/t';
import { AuthCard } from '../ui/AuthCard';
import { ProblemAlert } from '../ui/Problem';

export default function VerifyEmail() {
  const { token = '' } = useParams();
  const verify = useMutation({ mutationFn: () => must(api.POST('/api/v1/auth/verify-email', { body: { token } })) });
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
