import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorState, Loading } from "./QueryState";
import { ScreenHeader } from "./ScreenHeader";

type Props<T> = {
  /** data-testid of the screen, e.g. "vehicle-detail". */
  testId: string;
  /** Extra data-* attributes, e.g. { "data-vehicle-id": id }. */
  dataAttrs: Record<`data-${string}`, string>;
  backLabel: string;
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
};

/** A record's page: the way back, then loading, the error with retry, or the record. */
export function DetailScreen<T>({ testId, dataAttrs, backLabel, query, children }: Props<T>) {
  return (
    <div className="screen" data-testid={testId} {...dataAttrs}>
      <ScreenHeader
        back={backLabel}
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        children(query.data)
      )}
    </div>
  );
}
