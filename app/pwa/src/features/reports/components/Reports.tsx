import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../../i18n/t';
import { fullName, money } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { circleHealthQuery, paymentsReportQuery, referralsQuery, useDownloadCircleHealth, useDownloadPaymentsReport } from '../api/reports';
import { TicketsReport } from './TicketsReport';

/** Payments in, refunds out, the platform's fees and the instalments still to come, per month: a chart, a table, a CSV. */
function PaymentsReport() {
  const report = useQuery(paymentsReportQuery());
  const csv = useDownloadPaymentsReport();
  return (
    <Section title={t('reports.payments')}>
      <Button variant="outlined" size="small" onClick={() => csv.mutate()}>{t('reports.paymentsCsv')}</Button>
      <ProblemAlert error={csv.error} />
      <Loaded query={report}>
        {(data) => {
          if (data.rows.length === 0) return <Typography>{t('reports.noPayments')}</Typography>;
          const most = Math.max(1, ...data.rows.map((r) => Math.max(r.paidCents, r.outstandingInstalmentsCents)));
          return (
            <>
              <Box role="img" aria-label={data.rows.map((r) => t('reports.paymentBar', { month: r.month, paid: money(r.paidCents, r.currency), due: money(r.outstandingInstalmentsCents, r.currency) })).join(', ')}
                sx={{ display: 'flex', alignItems: 'flex-end', gap: 1, height: 160, mt: 1, overflowX: 'auto' }}>
                {data.rows.map((r) => (
                  <Box key={r.month + r.currency} sx={{ textAlign: 'center', minWidth: 44, flex: 1, maxWidth: 80 }} aria-hidden>
                    <Box sx={{ display: 'flex', alignItems: 'flex-end', gap: '2px', height: 110 }}>
                      <Box sx={{ flex: 1, bgcolor: 'primary.main', height: (r.paidCents / most) * 100, borderRadius: 1 }} />
                      <Box sx={{ flex: 1, bgcolor: 'warning.main', height: (r.outstandingInstalmentsCents / most) * 100, borderRadius: 1 }} />
                    </Box>
                    <Typography variant="caption">{r.month.slice(2)}</Typography>
                  </Box>
                ))}
              </Box>
              <Typography variant="caption">{t('reports.legend')}</Typography>
              <List dense>
                {data.rows.map((r) => (
                  <ListItem key={r.month + r.currency} sx={{ px: 0 }}>
                    <ListItemText primary={`${r.month} · ${money(r.paidCents, r.currency)}`}
                      secondary={t('reports.paymentLine', { n: r.payments, refunded: money(r.refundedCents, r.currency), fees: money(r.feeCents, r.currency), due: money(r.outstandingInstalmentsCents, r.currency) })} />
                  </ListItem>
                ))}
              </List>
            </>
          );
        }}
      </Loaded>
    </Section>
  );
}

const percent = (rate: number | null | undefined) => (rate == null ? '—' : Math.round(rate * 100) + '%');

export default function Reports() {
  const health = useQuery(circleHealthQuery());
  const referrals = useQuery(referralsQuery());
  const csv = useDownloadCircleHealth();
  return (
    <Page title={t('reports.health')} actions={<Button variant="outlined" onClick={() => csv.mutate()}>{t('reports.csv')}</Button>}>
      <ProblemAlert error={csv.error} />
      <Loaded query={health}>
        {(report) => {
          const sizes = Object.entries(report.circlesBySize).sort((a, b) => Number(a[0]) - Number(b[0]));
          const most = Math.max(1, ...sizes.map(([, n]) => n));
          return (
            <>
              <Typography>{t('reports.openSeats', { n: report.openSeats })} · {t('reports.withoutMeeting', { n: report.circlesWithoutMeeting })}</Typography>
              <Section title={t('reports.sizes')}>
                <Box role="img" aria-label={sizes.map(([size, n]) => t('reports.sizeBar', { n, size })).join(', ')} sx={{ display: 'flex', alignItems: 'flex-end', gap: 1, height: 160 }}>
                  {sizes.map(([size, n]) => (
                    <Box key={size} sx={{ textAlign: 'center', flex: 1, maxWidth: 90 }}>
                      <Typography variant="body2" aria-hidden>{n}</Typography>
                      <Box sx={{ bgcolor: 'primary.main', height: (n / most) * 100, borderRadius: 1 }} />
                      <Typography variant="body2" aria-hidden>{t('reports.men', { size })}</Typography>
                    </Box>
                  ))}
                </Box>
              </Section>
              <Section title={t('reports.trend')}>
                <List dense>
                  {report.circles.map((c) => (
                    <ListItem key={c.circleId} sx={{ display: 'block', px: 0 }}>
                      <ListItemText primary={c.name} secondary={`${t('reports.seats', { members: c.members, capacity: c.capacity })}${c.trend ? ' · ' + t('reports.' + c.trend) : ''}`} />
                      <Bar label={t('reports.seatsTaken')} value={c.members / Math.max(1, c.capacity)} />
                      <Bar label={t('reports.recent')} value={c.attendanceRecent} />
                      <Bar label={t('reports.previous')} value={c.attendancePrevious} />
                    </ListItem>
                  ))}
                </List>
              </Section>
            </>
          );
        }}
      </Loaded>
      <PaymentsReport />
      <TicketsReport />
      <Section title={t('reports.referrals')}>
        <Loaded query={referrals}>
          {(page) => page.items.length === 0 ? <Typography>{t('common.none')}</Typography> : (
            <List dense>
              {page.items.map((r) => (
                <ListItem key={r.personId}>
                  <ListItemText primary={fullName(r)} secondary={String(r.referrals)} />
                </ListItem>
              ))}
            </List>
          )}
        </Loaded>
      </Section>
    </Page>
  );
}

/** One share as a bar with its figure, readable without the colour. */
function Bar({ label, value }: { label: string; value: number | null | undefined }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, my: 0.5 }}>
      <Typography variant="body2" sx={{ width: 130, flexShrink: 0 }}>{label}</Typography>
      <Box sx={{ flexGrow: 1, height: 12, bgcolor: 'grey.200', borderRadius: 1, overflow: 'hidden' }} aria-hidden>
        <Box sx={{ width: `${Math.round((value ?? 0) * 100)}%`, height: '100%', bgcolor: 'secondary.main' }} />
      </Box>
      <Typography variant="body2" sx={{ width: 44, textAlign: 'right' }}>{percent(value)}</Typography>
    </Box>
  );
}
