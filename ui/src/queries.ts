// Query keys and the hooks every screen shares, so invalidation stays in one place.
import { useInfiniteQuery, useQuery, type QueryClient } from "@tanstack/react-query";
import { api } from "./api";
import type { CustomerQuery } from "./bindings/CustomerQuery";
import type { VehicleQuery } from "./bindings/VehicleQuery";
import type { VisitQuery } from "./bindings/VisitQuery";

export const PAGE_SIZE = 100;

export const keys = {
  appInfo: ["app_info"] as const,
  backups: ["backups"] as const,
  lots: ["lots"] as const,
  models: ["models"] as const,
  users: ["users"] as const,
  vehicles: ["vehicles"] as const,
  vehicleList: (q: VehicleQuery) => ["vehicles", "list", q] as const,
  vehicleCount: (q: VehicleQuery) => ["vehicles", "count", q] as const,
  vehicleRecent: (q: VehicleQuery) => ["vehicles", "recent", q] as const,
  vehicle: (id: string) => ["vehicle", id] as const,
  customers: ["customers"] as const,
  customerList: (q: CustomerQuery) => ["customers", q] as const,
  customer: (id: string) => ["customer", id] as const,
  photos: (vehicleId: string) => ["photos", vehicleId] as const,
  archivedPhotos: (vehicleId: string) => ["archived_photos", vehicleId] as const,
  conditionCatalog: ["condition_catalog"] as const,
  conditions: (vehicleId: string) => ["conditions", vehicleId] as const,
  matches: (customerId: string) => ["matches", customerId] as const,
  wantedBy: (vehicleId: string) => ["wanted_by", vehicleId] as const,
  interactions: (customerId: string) => ["interactions", customerId] as const,
  inquiries: ["inquiries"] as const,
  sends: (customerId: string) => ["sends", customerId] as const,
  shortlists: (customerId: string) => ["shortlists", customerId] as const,
  shortlist: (id: string) => ["shortlist", id] as const,
  outbox: ["outbox"] as const,
  smtp: ["smtp"] as const,
  smtpPresets: ["smtp_presets"] as const,
  mailTemplates: ["mail_templates"] as const,
  teamSetting: (key: string) => ["team_setting", key] as const,
  syncStatus: ["sync_status"] as const,
  syncSettings: ["sync_settings"] as const,
  spaceReport: ["space_report"] as const,
  history: ["record_history"] as const,
  recordHistory: (table: string, rowId: string) => ["record_history", table, rowId] as const,
};

/** How often the header reads the sync state between the core's sync-changed events. */
export const SYNC_POLL_MS = 15_000;

export const emptyVehicleQuery: VehicleQuery = {
  text: null,
  lot_id: null,
  status: null,
  model: null,
  year_min: null,
  year_max: null,
  price_min: null,
  price_max: null,
  mileage_max: null,
  offset: null,
  limit: null,
};

export function useAppInfo() {
  return useQuery({ queryKey: keys.appInfo, queryFn: api.appInfo });
}

export function useBackupLocations() {
  return useQuery({ queryKey: keys.backups, queryFn: api.backupLocations });
}

export function useLots() {
  return useQuery({ queryKey: keys.lots, queryFn: api.listLots });
}

export function useModels() {
  return useQuery({ queryKey: keys.models, queryFn: api.listModels });
}

export function useUsers() {
  return useQuery({ queryKey: keys.users, queryFn: api.listUsers });
}

export function useVehicle(id: string) {
  return useQuery({ queryKey: keys.vehicle(id), queryFn: () => api.getVehicle(id) });
}

export function useCustomer(id: string) {
  return useQuery({ queryKey: keys.customer(id), queryFn: () => api.getCustomer(id) });
}

/** A vehicle's photos in gallery order; the first is the cover. */
export function usePhotos(vehicleId: string) {
  return useQuery({ queryKey: keys.photos(vehicleId), queryFn: () => api.listPhotos(vehicleId) });
}

export function useCustomers(q: CustomerQuery) {
  return useQuery({
    queryKey: keys.customerList(q),
    queryFn: () => api.listCustomers(q),
    placeholderData: (prev) => prev,
  });
}

/** Only the total of a filter (limit 1): the counts on the Today screen. */
export function useVehicleCount(q: Partial<VehicleQuery>) {
  const query = { ...emptyVehicleQuery, ...q, limit: 1 };
  return useQuery({
    queryKey: keys.vehicleCount(query),
    queryFn: () => api.listVehicles(query),
    select: (page) => page.total,
  });
}

/** The inventory list, one page of PAGE_SIZE at a time ("more" loads the next). */
export function useVehiclePages(q: VehicleQuery) {
  return useInfiniteQuery({
    queryKey: keys.vehicleList(q),
    queryFn: ({ pageParam }) => api.listVehicles({ ...q, offset: pageParam, limit: PAGE_SIZE }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
    placeholderData: (prev) => prev,
  });
}

/** After any vehicle change: lists, counts, models, lot totals and change history may all move. */
export function invalidateVehicles(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.vehicles }),
    qc.invalidateQueries({ queryKey: keys.history }),
    qc.invalidateQueries({ queryKey: keys.models }),
    qc.invalidateQueries({ queryKey: keys.lots }),
  ]);
}

/** After photos change: the vehicle's cover (list thumbnails, cover_hash) may have moved. */
export function invalidateCovers(qc: QueryClient, vehicleId: string): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.vehicles }),
    qc.invalidateQueries({ queryKey: keys.vehicle(vehicleId) }),
  ]);
}

export function invalidateCustomers(qc: QueryClient): Promise<unknown> {
  return qc.invalidateQueries({ queryKey: keys.customers });
}

/** The panels, items and marks of the condition form: fixed for the app's lifetime. */
export function useConditionCatalog() {
  return useQuery({ queryKey: keys.conditionCatalog, queryFn: api.conditionCatalog, staleTime: Infinity });
}

export function useConditions(vehicleId: string) {
  return useQuery({ queryKey: keys.conditions(vehicleId), queryFn: () => api.listConditions(vehicleId) });
}

export function useInquiries() {
  return useQuery({ queryKey: keys.inquiries, queryFn: api.listInquiries });
}

export function useOutbox() {
  return useQuery({ queryKey: keys.outbox, queryFn: api.listOutbox });
}

export function useShortlist(id: string) {
  return useQuery({ queryKey: keys.shortlist(id), queryFn: () => api.getShortlist(id) });
}

/** After logging, sending or handing over: the log, inquiries, history and Today move. */
export function invalidateCustomerLog(qc: QueryClient, customerId: string): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.interactions(customerId) }),
    qc.invalidateQueries({ queryKey: keys.sends(customerId) }),
    qc.invalidateQueries({ queryKey: keys.shortlists(customerId) }),
    // Any open shortlist of theirs shows its history too.
    qc.invalidateQueries({ queryKey: ["shortlist"] }),
    qc.invalidateQueries({ queryKey: keys.inquiries }),
    qc.invalidateQueries({ queryKey: keys.outbox }),
  ]);
}

/** The sync state the header shows; polled, and invalidated on every sync-changed event. */
export function useSyncStatus() {
  return useQuery({ queryKey: keys.syncStatus, queryFn: api.syncStatus, refetchInterval: SYNC_POLL_MS });
}

export function useSyncSettings() {
  return useQuery({ queryKey: keys.syncSettings, queryFn: api.syncSettings });
}

/** Field changes of one record (e.g. "vehicles", id), newest first. */
export function useRecordHistory(table: string, rowId: string) {
  return useQuery({ queryKey: keys.recordHistory(table, rowId), queryFn: () => api.recordHistory(table, rowId) });
}

/** After a sync pass: the header state and the Sync page. */
export function invalidateSync(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.syncStatus }),
    qc.invalidateQueries({ queryKey: keys.syncSettings }),
    // A pass changes what the folder and the data folder hold.
    qc.invalidateQueries({ queryKey: keys.spaceReport }),
  ]);
}

// ---------- Visits (the calendar) ----------
// Every visit query sits under ["visits"], so one invalidation refreshes the
// calendar, its conflicts and who is free now.

export const visitKeys = {
  all: ["visits"] as const,
  list: (q: VisitQuery) => ["visits", "list", q] as const,
  conflicts: (from: string) => ["visits", "conflicts", from] as const,
  dealersNow: ["visits", "dealers_now"] as const,
};

/** How often the walk-in panel re-reads who is free. */
export const DEALERS_NOW_POLL_MS = 60_000;

export function useVisits(q: VisitQuery) {
  return useQuery({ queryKey: visitKeys.list(q), queryFn: () => api.listVisits(q), placeholderData: (prev) => prev });
}

export function useVisitConflicts(from: string) {
  return useQuery({ queryKey: visitKeys.conflicts(from), queryFn: () => api.visitConflicts(from) });
}

export function useDealersNow() {
  return useQuery({ queryKey: visitKeys.dealersNow, queryFn: api.dealersNow, refetchInterval: DEALERS_NOW_POLL_MS });
}

export function invalidateVisits(qc: QueryClient): Promise<unknown> {
  return qc.invalidateQueries({ queryKey: visitKeys.all });
}

// ---------- Care (sales, follow-ups, campaigns) and Today ----------
// Sales sit under ["sales"]; Today is one query the screen reads afresh on every visit.

export const careKeys = {
  today: ["today"] as const,
  sales: ["sales"] as const,
  vehicleSales: (vehicleId: string) => ["sales", "vehicle", vehicleId] as const,
  customerSales: (customerId: string) => ["sales", "customer", customerId] as const,
  campaigns: ["campaigns"] as const,
};

/** How often Today re-reads itself while open (inquiries grow overdue, visits start). */
export const TODAY_POLL_MS = 60_000;

export function useToday() {
  return useQuery({ queryKey: careKeys.today, queryFn: api.today, refetchOnMount: "always", refetchInterval: TODAY_POLL_MS });
}

export function useVehicleSales(vehicleId: string) {
  return useQuery({ queryKey: careKeys.vehicleSales(vehicleId), queryFn: () => api.salesOfVehicle(vehicleId) });
}

export function useCampaigns() {
  return useQuery({ queryKey: careKeys.campaigns, queryFn: api.listCampaigns });
}

/** After a sale or a follow-up changes: sales, Today, and (a sale) the car's status everywhere. */
export function invalidateCare(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: careKeys.sales }),
    qc.invalidateQueries({ queryKey: careKeys.today }),
  ]);
}
