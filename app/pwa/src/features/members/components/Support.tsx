import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../../i18n/t';
import { day, fullName } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { supportSearchQuery } from '../api/members';

export default function Support() {
  const [q, setQ] = useState('');
  const found = useQuery(supportSearchQuery(q));
  return (
    <Page title={t('support.find')}>
      <TextField label={t('admin.search')} value={q} onChange={(e) => setQ(e.target.value)} type="search" />
      {q.trim().length >= 2 && (
        <Loaded query={found}>
          {(page) => (
            <Stack spacing={1.5} sx={{ mt: 2 }}>
              {page.items.map((p) => (
                <Card key={p.id} variant="outlined" component="article" aria-label={fullName(p)}>
                  <CardContent>
                    <Typography variant="h3" component="h2">{fullName(p)}</Typography>
                    <Typography variant="body2">{p.email}</Typography>
                    <Typography>{t('support.state')}: {t('personStatus.' + p.status)}</Typography>
                    <Typography variant="body2">{p.roles.map((r) => t('roles.' + r)).join(', ')}</Typography>
                    <Typography variant="body2">{t('support.mfa', { on: p.mfaEnabled ? t('support.on') : t('support.off') })} · {t('support.phone', { on: p.phoneVerified ? t('support.on') : t('support.off') })}</Typography>
                    <Typography variant="body2">{t('support.since', { when: day(p.createdAt) })}</Typography>
                  </CardContent>
                </Card>
              ))}
              {page.items.length === 0 && <Typography>{t('common.none')}</Typography>}
            </Stack>
          )}
        </Loaded>
      )}
    </Page>
  );
}
