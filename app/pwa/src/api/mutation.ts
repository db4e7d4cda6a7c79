import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Progress } from './client';

/** What a screen does once a feature's mutation has succeeded and the feature has brought its queries up to date. */
export interface After<TData, TVariables> {
  onSuccess?: (data: TData, variables: TVariables) => void;
}

/** What a request answers. */
export type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** What a mutation changes in the cache, through its feature's key factory. */
export type CacheUpdate<TData, TVariables> = (queries: QueryClient, data: TData, variables: TVariables) => void;

/**
 * A feature's mutation: its request (defined once in the feature's api/), what it changes in the cache, then what the
 * screen adds (a notice, a form cleared, a redirect).
 */
export function useRequest<TData, TVariables = void>(
  request: (variables: TVariables) => Promise<TData>,
  cache: CacheUpdate<TData, TVariables> | null,
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

/**
 * A feature's mutation that sends a file: as useRequest, and how far the file has gone up while it is pending, from 0
 * to 1 (null until the browser has said, and again at each new submit).
 */
export function useUpload<TData, TVariables = void>(
  request: (variables: TVariables, onProgress: Progress) => Promise<TData>,
  cache: CacheUpdate<TData, TVariables> | null,
  after: After<TData, TVariables> = {},
) {
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useRequest((variables: TVariables) => {
    setProgress(null);
    return request(variables, setProgress);
  }, cache, after);
  return { ...mutation, progress };
}
