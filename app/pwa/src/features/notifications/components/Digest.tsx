import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { t } from '../../../i18n/t';
import { Loaded, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { useAuth } from '../../../auth';
import { YourTimeZone } from './YourTimeZone';
import { useSchedule, useSetSchedule } from '../api/preferences';
import type { DigestFrequency, NotificationSchedule } from '../api/types';

const FREQUENCIES: DigestFrequency[] = ['DAILY', 'WEEKLY'];

/** How often his digest mail comes and on which clock: each change saved as he makes it, as his levels are. */
export function DigestSection() {
  const schedule = useSchedule();
  const save = useSetSchedule();
  const zone = useAuth().me?.timeZone;
  const change = (digest: DigestFrequency) => save.mutate({ digest });
  return (
    <Section title={t('notifications.digest.title')}>
      <Typography variant="body2">{t('notifications.digest.help')}</Typography>
      <Loaded query={schedule}>
        {(current) => {
          const shown: NotificationSchedule = save.isPending && save.variables?.digest ? { ...current, digest: save.variables.digest } : current;
          const clock = zone ?? shown.timeZone;
          return (
            <form aria-label={t('notifications.digest.title')} onSubmit={(e) => e.preventDefault()}>
              <Typography sx={{ my: 1 }}>
                {t(shown.digest === 'WEEKLY' ? 'notifications.digest.weeklyNow' : 'notifications.digest.dailyNow', { zone: clock.replace(/_/g, ' ') })}
              </Typography>
              <TextField
                select
                id="digest-frequency"
                label={t('notifications.digest.frequency')}
                value={shown.digest}
                onChange={(e) => change(e.target.value as DigestFrequency)}
                slotProps={{ select: { native: true } }}
                {...fieldProps(save.error, 'digest')}
              >
                {FREQUENCIES.map((frequency) => (
                  <option key={frequency} value={frequency}>{t('notifications.digest.' + frequency)}</option>
                ))}
              </TextField>
              <YourTimeZone zone={clock} />
            </form>
          );
        }}
      </Loaded>
      <ProblemAlert error={save.error} />
      <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500, mt: 1 }}>
        {save.isSuccess ? t('notifications.digest.saved') : ''}
      </Typography>
    </Section>
  );
}
