import { queryOptions } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';
import type { RequestBody } from '../../../api/types';
import { paymentKeys } from './keys';
import type { Intervention } from './types';

type ActionBody = RequestBody<'/api/v1/payments/interventions/{kind}/{subjectId}', 'post'>;

export const getInterventions = () => must(api.GET('/api/v1/payments/interventions'));

/** The payments that need a person (admins and support). */
export const interventionsQuery = () => queryOptions({ queryKey: paymentKeys.interventions(), queryFn: getInterventions });

export const actOn = (item: Intervention, body: ActionBody) =>
  must(api.POST('/api/v1/payments/interventions/{kind}/{subjectId}', { params: { path: { kind: item.kind, subjectId: item.subjectId } }, body }));

/** Does one of the item's actions; the organisation's payment queries are read again. */
export const useActOn = (item: Intervention, after?: After<Answer<typeof actOn>, ActionBody>) =>
  useRequest((body: ActionBody) => actOn(item, body), (queries) => void queries.invalidateQueries({ queryKey: paymentKeys.admin }), after);
