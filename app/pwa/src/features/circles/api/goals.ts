import { queryOptions } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';
import type { RequestBody } from '../../../api/types';
import { circleKeys } from './keys';

type GoalBody = RequestBody<'/api/v1/me/goals', 'post'>;

export const getMyGoals = () => must(api.GET('/api/v1/me/goals'));

export const myGoalsQuery = () => queryOptions({ queryKey: circleKeys.goals(), queryFn: getMyGoals });

export const addGoal = (body: GoalBody) => must(api.POST('/api/v1/me/goals', { body }));

/** Adds a goal of his; his goals are read again. */
export const useAddGoal = (after?: After<Answer<typeof addGoal>, GoalBody>) =>
  useRequest(addGoal, (queries) => void queries.invalidateQueries({ queryKey: circleKeys.goals() }), after);
