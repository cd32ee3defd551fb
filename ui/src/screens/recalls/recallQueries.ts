// Recall records as the screens read them: which cars carry an open recall
// (the badge), one car's records, and Today's section. Keyed under "today"
// and "sales" neighbours so a sale or a sync refreshes them with the rest.
import { useQuery, type QueryClient } from "@tanstack/react-query";
import { api } from "../../api";

export const recallKeys = {
  all: ["recalls"] as const,
  openIds: ["recalls", "open-ids"] as const,
  vehicle: (vehicleId: string) => ["recalls", "vehicle", vehicleId] as const,
  today: ["recalls", "today"] as const,
  list: ["recalls", "list"] as const,
};

export function useOpenRecallIds() {
  return useQuery({ queryKey: recallKeys.openIds, queryFn: api.vehiclesWithOpenRecall, select: (ids) => new Set(ids) });
}

export function useVehicleRecalls(vehicleId: string) {
  return useQuery({ queryKey: recallKeys.vehicle(vehicleId), queryFn: () => api.recallsOfVehicle(vehicleId) });
}

export function useRecallsToday() {
  return useQuery({ queryKey: recallKeys.today, queryFn: api.recallsToday, refetchOnMount: "always" });
}

export function useRecalls() {
  return useQuery({ queryKey: recallKeys.list, queryFn: api.listRecalls });
}

export function invalidateRecalls(qc: QueryClient): Promise<unknown> {
  return qc.invalidateQueries({ queryKey: recallKeys.all });
}
