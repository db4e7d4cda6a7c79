import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../../i18n/t';
import { day } from '../../../ui/format';
import { myPaymentsQuery } from '../api/payments';

/** For a seat paid in instalments: how many are paid and when the next is taken (shown on the event's page). */
export function PlanLine({ registrationId }: { registrationId: string }) {
  const payments = useQuery(myPaymentsQuery());
  const plan = payments.data?.items.find((p) => p.registrationId === registrationId && p.status === 'PAID' && p.instalments > 1);
  if (!plan) return null;
  return (
    <Typography variant="body2">
      {t('pay.plan', { paid: plan.instalmentsPaid, of: plan.instalments })}
      {plan.nextInstalmentAt ? ' · ' + t('pay.next', { when: day(plan.nextInstalmentAt) }) : ''}
    </Typography>
  );
}
