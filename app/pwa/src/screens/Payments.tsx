import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { api, must } from '../api/client';
import { t } from '../i18n/t';
import { day, money } from '../ui/format';
import { Loaded, Page, Section } from '../ui/Page';
import { ProblemAlert } from '../ui/Problem';

/** His payments and receipts: what, how much, when, and what became of it. */
export function MyPayments() {
  const payments = useQuery({ queryKey: ['me', 'payments'], queryFn: () => must(api.GET('/api/v1/me/payments', { params: { query: { size: 100 } } })) });
  return (
    <Page title={t('menu.payments')}>
      <Loaded query={payments}>
        {(page) =>
          page.items.length === 0 ? (
            <Typography>{t('pay.none')}</Typography>
          ) : (
            <List>
              {page.items.map((p) => (
                <ListItem key={p.id} divider secondaryAction={p.checkoutUrl ? <Button href={p.checkoutUrl}>{t('pay.payNow')}</Button> : undefined}>
                  <ListItemText
                    primary={`${p.description} · ${money(p.amountCents, p.currency)}`}
                    secondary={[t('pay.status.' + p.status), day(p.paidAt ?? p.createdAt), p.refundedCents > 0 ? t('pay.refunded', { amount: money(p.refundedCents, p.currency) }) : '', p.refundReason ?? '']
                      .filter(Boolean).join(' · ')}
                  />
                </ListItem>
              ))}
            </List>
          )
        }
      </Loaded>
    </Page>
  );
}

/** The organisation's Stripe account: connect it, go on with Stripe's onboarding, see where it stands. */
export function AdminPayments() {
  const [params, setParams] = useSearchParams();
  const stripe = useQuery({ queryKey: ['payments', 'stripe'], queryFn: () => must(api.GET('/api/v1/payments/stripe')), refetchInterval: (q) => (params.get('stripe') === 'return' && q.state.data?.status !== 'READY' ? 2000 : false) });
  const onboard = useMutation({
    mutationFn: () => must(api.POST('/api/v1/payments/stripe/onboarding')),
    onSuccess: (onboarding) => window.location.assign(onboarding.url),
  });
  const refreshed = useRef(false);
  useEffect(() => {
    // Stripe sends him back here when his link ran out: straight on with a fresh one.
    if (params.get('stripe') === 'refresh' && !refreshed.current) {
      refreshed.current = true;
      setParams({}, { replace: true });
      onboard.mutate();
    }
  }, [params, setParams, onboard]);
  return (
    <Page title={t('menu.adminPayments')}>
      <Section title={t('pay.stripe')}>
        <Loaded query={stripe}>
          {(connection) => (
            <>
              <Alert severity={connection.status === 'READY' ? 'success' : connection.status === 'RESTRICTED' ? 'error' : 'info'} sx={{ mb: 2 }}>
                {t('pay.connection.' + connection.status)}
                {connection.restrictedReason ? ': ' + connection.restrictedReason : ''}
                {connection.accountId && <Typography variant="body2">{t('pay.account', { id: connection.accountId })}</Typography>}
              </Alert>
              {params.get('stripe') === 'return' && connection.status !== 'READY' && <Alert severity="info" sx={{ mb: 2 }}>{t('pay.returned')}</Alert>}
              {connection.status === 'NOT_CONNECTED' && <Typography sx={{ mb: 2 }}>{t('pay.connectHelp')}</Typography>}
              {connection.status !== 'READY' && (
                <Button variant="contained" disabled={onboard.isPending || onboard.isSuccess} onClick={() => onboard.mutate()}>
                  {connection.status === 'NOT_CONNECTED' ? t('pay.connect') : t('pay.continue')}
                </Button>
              )}
              <ProblemAlert error={onboard.error} />
            </>
          )}
        </Loaded>
      </Section>
    </Page>
  );
}
