import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

/** What a screen does once a mutation has succeeded and the cache is up to date. */
export interface After<TData, TVariables> {
  onSuccess?: (data: TData, variables: TVariables) => void;
}

/** What a request answers. */
export type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** A mutation: its request (defined once in api/), what it changes in the cache, then what the screen adds. */
export function useRequest<TData, TVariables = void>(
  request: (variables: TVariables) => Promise<TData>,
  cache: ((queries: QueryClient, data: TData, variables: TVariables) => void) | null,
  after: After<TData, TVariables> = {},
) {
  const queries = useQueryClient();
  return useMutation<TData, Error, TVariables>({
    mutationFn: (variables) => request(variables),
    onSuccess: (data, variables) => {
      cache?.(queries, data, variables);
      after.onSuccess?.(data, variables);
    },
  });
}
