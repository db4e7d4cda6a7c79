import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, download, must } from '../api/client';
import { t } from '../i18n/t';
import { fullName } from '../ui/format';
import { Loaded, Page, Section } from '../ui/Page';
import { ProblemAlert } from '../ui/Problem';

const percent = (rate: number | null | undefined) => (rate == null ? '—' : Math.round(rate * 100) + '%');

export default function Reports() {
  const health = useQuery({ queryKey: ['reports', 'health'], queryFn: () => must(api.GET('/api/v1/reports/circle-health')) });
  const referrals = useQuery({ queryKey: ['reports', 'referrals'], queryFn: () => must(api.GET('/api/v1/reports/referrals')) });
  const csv = useMutation({
    mutationFn: () => download('/api/v1/reports/circle-health/export.csv', 'circle-health.csv'),
  });
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
                <Box role="img" aria-label={sizes.map(([size, n]) => `${n} × ${size}`).join(', ')} sx={{ display: 'flex', alignItems: 'flex-end', gap: 1, height: 140 }}>
                  {sizes.map(([size, n]) => (
                    <Box key={size} sx={{ textAlign: 'center', flex: 1 }}>
                      <Box sx={{ bgcolor: 'primary.main', height: (n / most) * 100, borderRadius: 1 }} />
                      <Typography variant="body2">{size}</Typography>
                    </Box>
                  ))}
                </Box>
              </Section>
              <Section title={t('reports.trend')}>
                <List dense>
                  {report.circles.map((c) => (
                    <ListItem key={c.circleId}>
                      <ListItemText primary={c.name} secondary={`${c.members}/${c.capacity} · ${t('reports.recent')}: ${percent(c.attendanceRecent)} · ${t('reports.previous')}: ${percent(c.attendancePrevious)}${c.trend ? ' · ' + t('reports.' + c.trend) : ''}`} />
                    </ListItem>
                  ))}
                </List>
              </Section>
            </>
          );
        }}
      </Loaded>
      <Section title={t('reports.referrals')}>
        <Loaded query={referrals}>
          {(page) => (
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
