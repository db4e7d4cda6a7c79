import { queryOptions } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';
import type { RequestBody } from '../../../api/types';
import { paymentKeys } from './keys';

type RefundBody = RequestBody<'/api/v1/payments/{id}/refunds', 'post'>;

export const getMyPayments = () => must(api.GET('/api/v1/me/payments', { params: { query: { size: 100 } } }));

export const myPaymentsQuery = () => queryOptions({ queryKey: paymentKeys.mine(), queryFn: getMyPayments });

/** Where Stripe shows the receipt of one of his payments. */
export const getReceipt = (paymentId: string) => must(api.GET('/api/v1/me/payments/{id}/receipt', { params: { path: { id: paymentId } } }));

export const useReceipt = (after?: After<Answer<typeof getReceipt>, string>) => useRequest(getReceipt, null, after);

export const getPayments = () => must(api.GET('/api/v1/payments', { params: { query: { size: 100 } } }));

/** Every payment of the organisation, newest first. */
export const paymentsQuery = () => queryOptions({ queryKey: paymentKeys.all(), queryFn: getPayments });

export const getRefundQuote = (paymentId: string) => must(api.GET('/api/v1/payments/{id}/refund-quote', { params: { path: { id: paymentId } } }));

/** What the refund policy gives back on a payment, and what is left to refund. */
export const refundQuoteQuery = (paymentId: string) => queryOptions({ queryKey: paymentKeys.quote(paymentId), queryFn: () => getRefundQuote(paymentId) });

export const refund = (paymentId: string, body: RefundBody) => must(api.POST('/api/v1/payments/{id}/refunds', { params: { path: { id: paymentId } }, body }));

/** Refunds (part of) a payment; the organisation's payment queries are read again. */
export const useRefund = (paymentId: string, after?: After<Answer<typeof refund>, RefundBody>) =>
  useRequest((body: RefundBody) => refund(paymentId, body), (queries) => void queries.invalidateQueries({ queryKey: paymentKeys.admin }), after);
