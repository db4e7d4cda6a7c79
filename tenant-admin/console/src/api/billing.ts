import { queryOptions } from '@tanstack/react-query';
import { api, must } from './client';
import { consoleKeys } from './keys';
import { useRequest } from './mutation';
import type { RequestBody } from './types';

type PlanBody = RequestBody<'/api/v1/plans/{code}', 'put'>;

export const getStripeStatuses = () => must(api.GET('/api/v1/billing/stripe'));

export const stripeStatusesQuery = () => queryOptions({ queryKey: consoleKeys.stripe(), queryFn: getStripeStatuses });

export const getRevenue = () => must(api.GET('/api/v1/billing/revenue', { params: { query: { months: 12 } } }));

/** The platform's fees per organisation and month over a year: application fees less what refunds gave back. */
export const revenueQuery = () => queryOptions({ queryKey: consoleKeys.revenue(), queryFn: getRevenue });

export const getPlans = () => must(api.GET('/api/v1/plans'));

export const plansQuery = () => queryOptions({ queryKey: consoleKeys.plans, queryFn: getPlans });

export const savePlan = ({ code, ...body }: PlanBody & { code: string }) => must(api.PUT('/api/v1/plans/{code}', { params: { path: { code } }, body }));

/** Creates or changes a plan (its organisations take the new fee from now on); the plans are read again. */
export const useSavePlan = () => useRequest(savePlan, (queries) => void queries.invalidateQueries({ queryKey: consoleKeys.plans }));
