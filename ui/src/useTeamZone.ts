// The team's time zone (a synced team setting) for every formatter in time.ts.
import { useQuery } from "@tanstack/react-query";
import { api } from "./api";
import { keys } from "./queries";
import { DEFAULT_ZONE, isZone, setTeamZone, ZONE_KEY } from "./time";

/** Reads the setting and makes it the formatters' zone; call high in the tree. */
export function useTeamZone(): string {
  const q = useQuery({ queryKey: keys.teamSetting(ZONE_KEY), queryFn: () => api.teamSetting(ZONE_KEY) });
  const zone = q.data && isZone(q.data) ? q.data : DEFAULT_ZONE;
  // Set during render (idempotent) so the screens rendered below read it already.
  setTeamZone(zone);
  return zone;
}
