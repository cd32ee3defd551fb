// Sync records for tests, overridable, and the quiet defaults screens under App need.
import { vi } from "vitest";
import { api, type SyncChanged } from "../api";
import type { FieldChange } from "../bindings/FieldChange";
import type { SyncReport } from "../bindings/SyncReport";
import type { SyncSettings } from "../bindings/SyncSettings";
import type { SyncStatus } from "../bindings/SyncStatus";

export function syncStatus(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: "off",
    folder: null,
    pending_changes: 0,
    waiting_rows: 0,
    missing_photos: 0,
    last_sync_at: null,
    code: null,
    message: null,
    set_aside: [],
    clocks: [],
    own_clock: { state: "ok", ahead_secs: 0, reads: "2024-12-01" },
    ...over,
  };
}

export function syncSettings(over: Partial<SyncSettings> = {}): SyncSettings {
  return {
    folder: "/Volumes/NAS/lotbook",
    device_id: "dev-mine-0001",
    device_name: "월평 사무실 PC",
    has_passphrase: false,
    devices: [],
    log: [],
    status: syncStatus({ state: "synced", folder: "/Volumes/NAS/lotbook", last_sync_at: "2024-12-01T05:02:00.000Z" }),
    ...over,
  };
}

export function syncReport(over: Partial<SyncReport> = {}): SyncReport {
  return {
    folder: "/Volumes/NAS/lotbook",
    device_id: "dev-mine-0001",
    segments_written: 0,
    changes_sent: 0,
    segments_applied: 0,
    changes_applied: 0,
    changes_set_aside: 0,
    blobs_sent: 0,
    blobs_fetched: 0,
    blobs_missing: 0,
    rows_waiting: 0,
    snapshot_written: null,
    segments_retired: 0,
    skipped: [],
    notices: [],
    ...over,
  };
}

export function fieldChange(over: Partial<FieldChange> = {}): FieldChange {
  return {
    column: "price_krw",
    value: "19900000",
    replaced: "21500000",
    at: "2024-12-01T05:02:00.000Z",
    by: "박정호",
    replaced_other: false,
    current: true,
    ...over,
  };
}

/**
 * Sync off, no events, no history: what every App-level test needs so the
 * header's sync light and the vehicle page's history do not call the core.
 * Returns a function that plays a sync-changed event to the app.
 */
export function mockSyncIdle(status: SyncStatus = syncStatus()): (e: SyncChanged) => void {
  let heard: ((e: SyncChanged) => void) | null = null;
  vi.spyOn(api, "syncStatus").mockResolvedValue(status);
  vi.spyOn(api, "recordHistory").mockResolvedValue([]);
  // A car's page also asks for its sale: none, in these screens' tests.
  vi.spyOn(api, "salesOfVehicle").mockResolvedValue([]);
  vi.spyOn(api, "onMailboxChanged").mockResolvedValue(() => {});
  vi.spyOn(api, "onSyncChanged").mockImplementation(async (handler) => {
    heard = handler;
    return () => {
      if (heard === handler) heard = null;
    };
  });
  return (e) => heard?.(e);
}
