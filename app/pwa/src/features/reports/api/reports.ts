import { queryOptions } from '@tanstack/react-query';
import { api, download, must } from '../../../api/client';
import { useRequest } from '../../../api/mutation';
import { reportKeys } from './keys';

export const getCircleHealth = () => must(api.GET('/api/v1/reports/circle-health'));

/** The circles' sizes, open seats and attendance trends. */
export const circleHealthQuery = () => queryOptions({ queryKey: reportKeys.health(), queryFn: getCircleHealth });

export const downloadCircleHealth = () => download('/api/v1/reports/circle-health/export.csv', 'circle-health.csv');

export const useDownloadCircleHealth = () => useRequest(downloadCircleHealth, null);

export const getReferrals = () => must(api.GET('/api/v1/reports/referrals'));

/** Who brought the most men in. */
export const referralsQuery = () => queryOptions({ queryKey: reportKeys.referrals(), queryFn: getReferrals });

export const getPaymentsReport = () => must(api.GET('/api/v1/reports/payments', { params: { query: { months: 12 } } }));

/** Payments in, refunds out, fees and instalments to come, per month over a year. */
export const paymentsReportQuery = () => queryOptions({ queryKey: reportKeys.payments(), queryFn: getPaymentsReport });

export const downloadPaymentsReport = () => download('/api/v1/reports/payments/export.csv', 'payments.csv');

export const useDownloadPaymentsReport = () => useRequest(downloadPaymentsReport, null);

export const getTicketsReport = () => must(api.GET('/api/v1/reports/tickets'));

/** The help desk per category: requests in each status and service levels missed. */
export const ticketsReportQuery = () => queryOptions({ queryKey: reportKeys.tickets(), queryFn: getTicketsReport });
