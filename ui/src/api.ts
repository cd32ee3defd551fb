// The one module that talks to the Rust core. Every command is typed here and
// every rejection becomes an ApiError, so screens never see raw IPC values.
// The file picker and OS file drops live here too: screens never import Tauri.
import { getVersion } from "@tauri-apps/api/app";
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { open, save } from "@tauri-apps/plugin-dialog";
import type { AppInfo } from "./bindings/AppInfo";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { PaintMarks } from "./bindings/PaintMarks";
import type { BackupLocation } from "./bindings/BackupLocation";
import type { BackupProgress } from "./bindings/BackupProgress";
import type { ArchiveProgress } from "./bindings/ArchiveProgress";
import type { ArchiveReport } from "./bindings/ArchiveReport";
import type { UnarchiveProgress } from "./bindings/UnarchiveProgress";
import type { UnarchiveReport } from "./bindings/UnarchiveReport";
import type { VehicleArchived } from "./bindings/VehicleArchived";
import type { LocationOutcome } from "./bindings/LocationOutcome";
import type { RestoreOutcome } from "./bindings/RestoreOutcome";
import type { VerifyReport } from "./bindings/VerifyReport";
import type { UpdateInfo } from "./bindings/UpdateInfo";
import type { UpdateProgress } from "./bindings/UpdateProgress";
import type { ConditionCatalog } from "./bindings/ConditionCatalog";
import type { ConditionInput } from "./bindings/ConditionInput";
import type { ConditionPreview } from "./bindings/ConditionPreview";
import type { ComposedMail } from "./bindings/ComposedMail";
import type { ComposeProgress } from "./bindings/ComposeProgress";
import type { ComposeRequest } from "./bindings/ComposeRequest";
import type { ConditionReport } from "./bindings/ConditionReport";
import type { CsvProblem } from "./bindings/CsvProblem";
import type { Customer } from "./bindings/Customer";
import type { CustomerInput } from "./bindings/CustomerInput";
import type { CustomerMatch } from "./bindings/CustomerMatch";
import type { CustomerQuery } from "./bindings/CustomerQuery";
import type { CustomerImportReport } from "./bindings/CustomerImportReport";
import type { CsvImportReport } from "./bindings/CsvImportReport";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { CarRecall } from "./bindings/CarRecall";
import type { RecallClose } from "./bindings/RecallClose";
import type { RecallImportReport } from "./bindings/RecallImportReport";
import type { RecallsToday } from "./bindings/RecallsToday";
import type { RecallSummary } from "./bindings/RecallSummary";
import type { ErrorShape } from "./bindings/ErrorShape";
import type { Export } from "./bindings/Export";
import type { ExportAllProgress } from "./bindings/ExportAllProgress";
import type { ExportAllReport } from "./bindings/ExportAllReport";
import type { FieldChange } from "./bindings/FieldChange";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportSummary } from "./bindings/ImportSummary";
import type { SheetImportProgress } from "./bindings/SheetImportProgress";
import type { SheetPreview } from "./bindings/SheetPreview";
import type { SheetRequest } from "./bindings/SheetRequest";
import type { Inquiry } from "./bindings/Inquiry";
import type { Interaction } from "./bindings/Interaction";
import type { InteractionInput } from "./bindings/InteractionInput";
import type { Lot } from "./bindings/Lot";
import type { Lang } from "./bindings/Lang";
import type { LotInput } from "./bindings/LotInput";
import type { MailSend } from "./bindings/MailSend";
import type { MailTemplate } from "./bindings/MailTemplate";
import type { OutboxEntry } from "./bindings/OutboxEntry";
import type { OutboxReport } from "./bindings/OutboxReport";
import type { Photo } from "./bindings/Photo";
import type { SavedMail } from "./bindings/SavedMail";
import type { Shortlist } from "./bindings/Shortlist";
import type { SmtpPreset } from "./bindings/SmtpPreset";
import type { SmtpSettings } from "./bindings/SmtpSettings";
import type { ImapPreset } from "./bindings/ImapPreset";
import type { ImapSettings } from "./bindings/ImapSettings";
import type { MailboxReport } from "./bindings/MailboxReport";
import type { MailboxStatus } from "./bindings/MailboxStatus";
import type { MailLead } from "./bindings/MailLead";
import type { SyncReport } from "./bindings/SyncReport";
import type { SyncSettings } from "./bindings/SyncSettings";
import type { SyncStatus } from "./bindings/SyncStatus";
import type { SpaceReport } from "./bindings/SpaceReport";
import type { User } from "./bindings/User";
import type { UserInput } from "./bindings/UserInput";
import type { Vehicle } from "./bindings/Vehicle";
import type { VehicleInput } from "./bindings/VehicleInput";
import type { Diagnostics } from "./bindings/Diagnostics";
import type { Welcome } from "./bindings/Welcome";
import type { WelcomeInput } from "./bindings/WelcomeInput";
import type { VehicleMatch } from "./bindings/VehicleMatch";
import type { VehiclePage } from "./bindings/VehiclePage";
import type { VehicleQuery } from "./bindings/VehicleQuery";
// Visits
import type { DealerNow } from "./bindings/DealerNow";
import type { LateUpdate } from "./bindings/LateUpdate";
import type { Visit } from "./bindings/Visit";
import type { VisitConflict } from "./bindings/VisitConflict";
import type { VisitInput } from "./bindings/VisitInput";
import type { VisitQuery } from "./bindings/VisitQuery";
import type { VisitStatus } from "./bindings/VisitStatus";
// Care
import type { Campaign } from "./bindings/Campaign";
import type { CampaignFilter } from "./bindings/CampaignFilter";
import type { CampaignInput } from "./bindings/CampaignInput";
import type { CampaignOwner } from "./bindings/CampaignOwner";
import type { FollowUp } from "./bindings/FollowUp";
import type { Sale } from "./bindings/Sale";
import type { SaleInput } from "./bindings/SaleInput";
import type { Today } from "./bindings/Today";

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | null;
  readonly problems: CsvProblem[];

  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = "ApiError";
    this.code = shape.code;
    this.field = shape.field;
    this.problems = shape.problems;
  }

  get shape(): ErrorShape {
    return { code: this.code, message: this.message, field: this.field, problems: this.problems };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function fromObject(o: Record<string, unknown>): ApiError | null {
  if (typeof o.code !== "string") return null;
  return new ApiError({
    // The core sends only ErrorCode values (ts-rs keeps the union in step).
    code: o.code as ErrorCode,
    message: typeof o.message === "string" ? o.message : o.code,
    field: typeof o.field === "string" && o.field !== "" ? o.field : null,
    problems: Array.isArray(o.problems) ? (o.problems as CsvProblem[]) : [],
  });
}

/** Turns whatever a command rejected with into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (typeof e === "string") {
    // Some layers hand the ErrorShape over already serialised.
    if (e.trimStart().startsWith("{")) {
      try {
        const parsed: unknown = JSON.parse(e);
        const err = isRecord(parsed) ? fromObject(parsed) : null;
        if (err) return err;
      } catch {
        // not JSON after all: fall through to a plain message
      }
    }
    return new ApiError({ code: "other", message: e, field: null, problems: [] });
  }
  if (isRecord(e)) {
    const err = fromObject(e);
    if (err) return err;
  }
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError({ code: "other", message, field: null, problems: [] });
}

/** The extensions the photo import reads (it sniffs the bytes; this only filters the picker). */
/** Spreadsheets an import reads (the format is chosen by the extension). */
export const SHEET_EXTENSIONS = ["xlsx", "xls", "xlsm", "csv"];
/** What a spreadsheet import brings in. */
export type ImportKind = "vehicles" | "customers" | "recalls";
export type SheetImportReport = CsvImportReport | CustomerImportReport | RecallImportReport;

export const PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "heic", "heif"];

/** What the core says after every sync pass: `applied` is true when data here changed. */
export type SyncChanged = { applied: boolean };
/** The mailbox worker's event after each pass; `changed`: something was logged or offered. */
const MAILBOX_EVENT = "mailbox-changed";

/** The event the sync worker (and sync_now) emits after each pass. */
export const SYNC_EVENT = "sync-changed";

/** An OS drag over the window: "over" while files hover, "drop" with their paths, "leave". */
export type FileDrop = { type: "over" } | { type: "drop"; paths: string[] } | { type: "leave" };

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  /** When Today was first on screen, for the log's start-up line. */
  notePainted: (marks: PaintMarks) => call<void>("note_painted", { marks }),
  /** The first run: whether the welcome shows, and whether this is the sample folder. */
  welcomeStatus: () => call<Welcome>("welcome_status"),
  finishWelcome: (input: WelcomeInput) => call<Welcome>("finish_welcome", { input }),
  /** Restarts the app on the sample folder (filled once); the dealer's data is not touched. */
  openSample: () => call<null>("open_sample"),
  leaveSample: () => call<null>("leave_sample"),
  diagnostics: () => call<Diagnostics>("diagnostics"),
  /** What the last run left if it crashed; told once. */
  lastCrash: () => call<string | null>("last_crash"),

  listVehicles: (query: VehicleQuery) => call<VehiclePage>("list_vehicles", { query }),
  getVehicle: (id: string) => call<Vehicle>("get_vehicle", { id }),
  saveVehicle: (input: VehicleInput) => call<Vehicle>("save_vehicle", { input }),
  deleteVehicle: (id: string) => call<null>("delete_vehicle", { id }),
  listModels: () => call<string[]>("list_models"),

  listLots: () => call<Lot[]>("list_lots"),
  saveLot: (input: LotInput) => call<Lot>("save_lot", { input }),

  listCustomers: (query: CustomerQuery) => call<Customer[]>("list_customers", { query }),
  getCustomer: (id: string) => call<Customer>("get_customer", { id }),
  saveCustomer: (input: CustomerInput) => call<Customer>("save_customer", { input }),
  deleteCustomer: (id: string) => call<null>("delete_customer", { id }),

  listUsers: () => call<User[]>("list_users"),
  saveUser: (input: UserInput, makeMe: boolean) => call<User>("save_user", { input, makeMe }),

  // Visits: the calendar. Times are RFC 3339; the calendar shows them in Korea time.
  listVisits: (query: VisitQuery) => call<Visit[]>("list_visits", { query }),
  /** Refused with code "visit_conflict" (naming the other booking) unless `allow_overlap`. */
  saveVisit: (input: VisitInput) => call<Visit>("save_visit", { input }),
  /** What a refused booking would overlap, to name it in words. */
  overlappingVisits: (userId: string, startAt: string, minutes: number, exceptId: string | null) =>
    call<Visit[]>("overlapping_visits", { userId, startAt, minutes, exceptId }),
  setVisitStatus: (id: string, status: VisitStatus) => call<Visit>("set_visit_status", { id, status }),
  /** Moves the visit to `eta`, marked late; `overlaps` is a warning, never a refusal. */
  runningLate: (id: string, eta: string) => call<LateUpdate>("running_late", { id, eta }),
  deleteVisit: (id: string) => call<null>("delete_visit", { id }),
  /** Overlaps nobody chose (they met through sync), from `from` on. */
  visitConflicts: (from: string) => call<VisitConflict[]>("visit_conflicts", { from }),
  /** Each dealer and the booking holding them now, if any (for a walk-in). */
  dealersNow: () => call<DealerNow[]>("dealers_now"),
  /** Writes the invitation; resolves with its path. */
  saveVisitIcs: (id: string) => call<string>("save_visit_ics", { id }),
  queueVisitConfirmation: (id: string, lang: Lang) => call<MailSend>("queue_visit_confirmation", { id, lang }),

  listPhotos: (vehicleId: string) => call<Photo[]>("list_photos", { vehicleId }),
  /** Files or folders (a camera card); `onProgress` hears each step. Resolves when all are done or cancelled. */
  importPhotos: (vehicleId: string, paths: string[], jobId: string, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<ImportSummary>("import_photos", { vehicleId, paths, jobId, onProgress: channel });
  },
  cancelImport: (jobId: string) => call<null>("cancel_import", { jobId }),

  /** A spreadsheet as the import would read it: sheets, first rows, columns, every problem, duplicates. Writes nothing. */
  previewImport: (kind: ImportKind, request: SheetRequest, maker = "") =>
    kind === "recalls"
      ? call<SheetPreview>("preview_recall_import", { request: { file: request, maker } })
      : call<SheetPreview>(kind === "vehicles" ? "preview_vehicle_import" : "preview_customer_import", { request }),
  /** All rows or none; `onProgress` hears each written chunk; cancel with cancelImport(jobId). */
  importSheet: (
    kind: ImportKind,
    request: SheetRequest,
    jobId: string,
    onProgress: (p: SheetImportProgress) => void,
    maker = "",
  ): Promise<SheetImportReport> => {
    const channel = new Channel<SheetImportProgress>();
    channel.onmessage = onProgress;
    if (kind === "recalls") {
      return call<RecallImportReport>("import_recall_file", { request: { file: request, maker }, jobId, onProgress: channel });
    }
    const command = kind === "vehicles" ? "import_vehicle_file" : "import_customer_file";
    return call<SheetImportReport>(command, { request, jobId, onProgress: channel });
  },
  /** `ids` is the whole new order; the first becomes the cover. */
  reorderPhotos: (vehicleId: string, ids: string[]) => call<Photo[]>("reorder_photos", { vehicleId, ids }),
  setCoverPhoto: (photoId: string) => call<Photo[]>("set_cover_photo", { photoId }),
  setPhotoCaption: (photoId: string, caption: string) => call<Photo>("set_photo_caption", { photoId, caption }),
  /** Resolves with the deleted record, which restorePhoto puts back (undo). */
  deletePhoto: (photoId: string) => call<Photo>("delete_photo", { photoId }),
  restorePhoto: (photo: Photo) => call<Photo[]>("restore_photo", { photo }),
  /** Links a photo to a condition panel or item key; null unlinks. */
  setPhotoPart: (photoId: string, part: string | null) => call<Photo>("set_photo_part", { photoId, part }),

  conditionCatalog: () => call<ConditionCatalog>("condition_catalog"),
  /** Summary and diagram of unsaved input, computed by the core. */
  previewCondition: (input: ConditionInput, lang: Lang, selected: string | null) =>
    call<ConditionPreview>("preview_condition", { input, lang, selected }),
  /** Newest inspection first; the first is the current report. */
  listConditions: (vehicleId: string) => call<ConditionReport[]>("list_conditions", { vehicleId }),
  saveCondition: (input: ConditionInput) => call<ConditionReport>("save_condition", { input }),
  deleteCondition: (id: string) => call<null>("delete_condition", { id }),

  /** Cars on every lot ranked by fit to the customer's wants, with the reasons. */
  matchVehicles: (customerId: string, limit: number) => call<VehicleMatch[]>("match_vehicles", { customerId, limit }),
  /** Customers who want this car, best fit first. */
  matchCustomers: (vehicleId: string) => call<CustomerMatch[]>("match_customers", { vehicleId }),

  /** A customer's log, newest first. */
  listInteractions: (customerId: string) => call<Interaction[]>("list_interactions", { customerId }),
  logInteraction: (input: InteractionInput) => call<Interaction>("log_interaction", { input }),
  /** Inquiries of the last 30 days, overdue first. */
  listInquiries: () => call<Inquiry[]>("list_inquiries"),
  handOver: (customerId: string, toUserId: string, note: string) =>
    call<Customer>("hand_over", { customerId, toUserId, note }),
  /** Every email made for a customer, newest first. */
  listSends: (customerId: string) => call<MailSend[]>("list_sends", { customerId }),

  createShortlist: (customerId: string, title: string, vehicleIds: string[]) =>
    call<Shortlist>("create_shortlist", { customerId, title, vehicleIds }),
  getShortlist: (id: string) => call<Shortlist>("get_shortlist", { id }),
  listShortlists: (customerId: string) => call<Shortlist[]>("list_shortlists", { customerId }),
  setShortlistVehicles: (id: string, vehicleIds: string[]) =>
    call<Shortlist>("set_shortlist_vehicles", { id, vehicleIds }),
  /** `photoIds` null goes back to the default choice. */
  setShortlistPhotos: (id: string, vehicleId: string, photoIds: string[] | null) =>
    call<Shortlist>("set_shortlist_photos", { id, vehicleId, photoIds }),
  deleteShortlist: (id: string) => call<null>("delete_shortlist", { id }),

  /** The email as it would go out, for the preview; nothing is saved. `onProgress` hears each stage. */
  composeMail: (request: ComposeRequest, jobId: string, onProgress: (p: ComposeProgress) => void) => {
    const channel = new Channel<ComposeProgress>();
    channel.onmessage = onProgress;
    return call<ComposedMail>("compose_mail", { request, jobId, onProgress: channel });
  },
  /** Stops a compose; it then fails with code "cancelled". */
  cancelCompose: (jobId: string) => call<null>("cancel_compose", { jobId }),
  /** Writes the .eml draft (to the Downloads folder when `path` is null). */
  saveEml: (request: ComposeRequest, path: string | null = null) => call<SavedMail>("save_eml", { request, path }),
  /** Writes the folder of numbered photos, message.txt and print.html. */
  exportShortlist: (request: ComposeRequest, parent: string | null = null) =>
    call<SavedMail>("export_shortlist", { request, parent }),
  queueMail: (request: ComposeRequest) => call<MailSend>("queue_mail", { request }),
  listOutbox: () => call<OutboxEntry[]>("list_outbox"),
  retryOutbox: (id: string) => call<null>("retry_outbox", { id }),
  /** Sends what is due now (the app also tries every two minutes). */
  sendOutbox: () => call<OutboxReport>("send_outbox"),

  smtpSettings: () => call<SmtpSettings | null>("smtp_settings"),
  /** The password (when given) goes to the OS keychain, never to the database. */
  saveSmtpSettings: (settings: SmtpSettings, password: string | null) =>
    call<SmtpSettings>("save_smtp_settings", { settings, password }),
  clearSmtpSettings: () => call<null>("clear_smtp_settings"),
  smtpPresets: () => call<SmtpPreset[]>("smtp_presets"),

  // The mailbox (IMAP): inquiries and replies logged from e-mail
  imapSettings: () => call<ImapSettings | null>("imap_settings"),
  /** The password (when given) goes to the OS keychain; saving wakes the mailbox worker. */
  saveImapSettings: (settings: ImapSettings, password: string | null) =>
    call<ImapSettings>("save_imap_settings", { settings, password }),
  clearImapSettings: () => call<null>("clear_imap_settings"),
  imapPresets: () => call<ImapPreset[]>("imap_presets"),
  mailboxStatus: () => call<MailboxStatus>("mailbox_status"),
  /** One look at the mailbox now: what was logged, matched, offered and skipped. */
  checkMailbox: () => call<MailboxReport>("check_mailbox"),
  /** Messages from unknown senders that read like inquiries ("new customer?"). */
  listMailLeads: () => call<MailLead[]>("list_mail_leads"),
  /** Makes the sender a customer with the message as their inquiry; resolves with the customer's id. */
  acceptMailLead: (id: string) => call<string>("accept_mail_lead", { id }),
  dismissMailLead: (id: string) => call<null>("dismiss_mail_lead", { id }),
  /** Opens the kept .eml of an inquiry from mail in the system's mail program. */
  openMailMessage: (interactionId: string) => call<null>("open_mail_message", { interactionId }),
  /** Hears every mailbox pass. Resolves with the unsubscribe function. */
  onMailboxChanged: async (handler: (changed: boolean) => void): Promise<UnlistenFn> => {
    try {
      return await listen<{ changed: boolean }>(MAILBOX_EVENT, ({ payload }) => handler(Boolean(payload?.changed)));
    } catch (e) {
      throw toApiError(e);
    }
  },
  mailTemplates: () => call<MailTemplate[]>("mail_templates"),
  /** An empty source restores the default. */
  setMailTemplate: (part: string, lang: Lang, source: string) => call<null>("set_mail_template", { part, lang, source }),
  /** A wording, saved or not, as it reads for one real customer; nothing is saved. */
  previewWording: (part: string, lang: Lang, source: string, customerId: string) =>
    call<string>("preview_wording", { part, lang, source, customerId }),
  // Care: sales, their follow-ups, recall campaigns and the Today screen.
  /** The car becomes sold; follow-ups are planned from the team's schedule. Refused with "already_sold". */
  /** A car with an open recall is refused with code "open_recall" unless `recallTold` (the buyer was told). */
  recordSale: (input: SaleInput, recallTold = false) => call<Sale>("record_sale", { input, recallTold }),

  /** Every recall imported from a maker's file, with its counts. */
  listRecalls: () => call<RecallSummary[]>("list_recalls"),
  /** One car's recall records, open ones first. */
  recallsOfVehicle: (vehicleId: string) => call<CarRecall[]>("recalls_of_vehicle", { vehicleId }),
  /** Ids of the cars with an open recall (the inventory's badge). */
  vehiclesWithOpenRecall: () => call<string[]>("vehicles_with_open_recall"),
  /** Done (day, who), not applicable (reason), or open again. */
  closeCarRecall: (close: RecallClose) => call<CarRecall>("close_car_recall", { close }),
  /** Today's recall section: cars in stock with an open recall, owners not told. */
  recallsToday: () => call<RecallsToday>("recalls_today"),
  /** The campaign telling the recall's owners (made once, not sent). */
  recallCampaign: (recallId: string, lang: Lang) => call<Campaign>("recall_campaign", { recallId, lang }),
  /** Newest delivery first, each with its follow-ups in date order. */
  salesOfVehicle: (vehicleId: string) => call<Sale[]>("sales_of_vehicle", { vehicleId }),
  salesOfCustomer: (customerId: string) => call<Sale[]>("sales_of_customer", { customerId }),
  /** `done` false skips it; the note is kept either way. */
  closeFollowUp: (id: string, done: boolean, note: string) => call<FollowUp>("close_follow_up", { id, done, note }),
  /** `until` is YYYY-MM-DD (Korea). */
  snoozeFollowUp: (id: string, until: string) => call<FollowUp>("snooze_follow_up", { id, until }),
  /** The owners a campaign with this filter would tell, in sale order. */
  previewCampaign: (filter: CampaignFilter) => call<CampaignOwner[]>("preview_campaign", { filter }),
  /** The notice as the first owner reached reads it: [subject, body], or null when it reaches no one. Nothing is saved. */
  previewCampaignNotice: (filter: CampaignFilter, code: string, subject: string, body: string) =>
    call<[string, string] | null>("preview_campaign_notice", { filter, code, subject, body }),
  /** A template mistake is refused with "invalid_template" naming the field (subject or body). */
  createCampaign: (input: CampaignInput) => call<Campaign>("create_campaign", { input }),
  /** Newest first. */
  listCampaigns: () => call<Campaign[]>("list_campaigns"),
  /** Queues the notice to every owner not told yet; "no_sender" without a mail account. */
  sendCampaign: (id: string) => call<Campaign>("send_campaign", { id }),
  /** The home screen as of now (dates in Korea). */
  today: () => call<Today>("today"),

  /** `team.name`, `reply.within_minutes`, `calendar.buffer_minutes`, `care.schedule`, `team.time_zone`, `sync.photo_files` or `photos.archive_sold_after_days`. */
  teamSetting: (key: string) => call<string | null>("team_setting", { key }),
  setTeamSetting: (key: string, value: string) => call<null>("set_team_setting", { key, value }),

  /** The header's light status: polled, and read again after every pass. */
  syncStatus: () => call<SyncStatus>("sync_status"),
  syncSettings: () => call<SyncSettings>("sync_settings"),
  /** Bytes the team's work takes in the shared folder and this data folder. */
  spaceReport: () => call<SpaceReport>("space_report"),
  /**
   * `folder` null turns sync off. `passphrase` null keeps the saved one, "" forgets it;
   * a passphrase goes to the OS keychain, never to the database.
   */
  saveSyncSettings: (folder: string | null, deviceName: string, passphrase: string | null) =>
    call<SyncSettings>("save_sync_settings", { folder, deviceName, passphrase }),
  /** One pass now; null when no shared folder is set. Offline rejects with code "unreachable". */
  syncNow: () => call<SyncReport | null>("sync_now"),
  /** Who changed which field of a record, newest first. */
  recordHistory: (table: string, rowId: string) => call<FieldChange[]>("record_history", { table, rowId }),
  /** Hears every sync pass. Resolves with the unsubscribe function. */
  onSyncChanged: async (handler: (e: SyncChanged) => void): Promise<UnlistenFn> => {
    try {
      return await listen<SyncChanged>(SYNC_EVENT, ({ payload }) => handler({ applied: Boolean(payload?.applied) }));
    } catch (e) {
      throw toApiError(e);
    }
  },

  // Backups (Settings › Backups)
  /** backups/ in the data folder, then the second location when one is chosen. */
  backupLocations: () => call<BackupLocation[]>("backup_locations"),
  /** Database and photos into every location there is; `onProgress` hears each step. Cancel rejects with code "cancelled". */
  backupNow: (jobId: string, onProgress: (p: BackupProgress) => void) => {
    const channel = new Channel<BackupProgress>();
    channel.onmessage = onProgress;
    return call<LocationOutcome[]>("backup_now", { jobId, onProgress: channel });
  },
  cancelBackup: (jobId: string) => call<null>("cancel_backup", { jobId }),

  // Sold cars' photos archived into this computer's backup location (issue 20)
  /** Archives what the team setting allows now; each backup copy is hash-checked first. Cancel stops between photos. */
  archivePhotos: (jobId: string, onProgress: (p: ArchiveProgress) => void) => {
    const channel = new Channel<ArchiveProgress>();
    channel.onmessage = onProgress;
    return call<ArchiveReport>("archive_photos", { jobId, onProgress: channel });
  },
  /** Brings a car's archived photos back from the backup location (hash-checked). */
  unarchiveVehicle: (vehicleId: string, jobId: string, onProgress: (p: UnarchiveProgress) => void) => {
    const channel = new Channel<UnarchiveProgress>();
    channel.onmessage = onProgress;
    return call<UnarchiveReport>("unarchive_vehicle", { vehicleId, jobId, onProgress: channel });
  },
  cancelArchive: (jobId: string) => call<null>("cancel_archive", { jobId }),
  /** The car's archived photos by id: here (can be brought back) and by the computer that shared them (thumbnail or placeholder). */
  archivedPhotos: (vehicleId: string) => call<VehicleArchived>("archived_photos", { vehicleId }),
  /** The version of the installed app (the one the updater compares). */
  appVersion: () => getVersion(),
  /** The newer version the update server offers; null when this one is current. */
  checkUpdate: () => call<UpdateInfo | null>("check_update"),
  /** Downloads and verifies the update the last check found, and installs it for the next start. */
  installUpdate: (onProgress: (p: UpdateProgress) => void) => {
    const channel = new Channel<UpdateProgress>();
    channel.onmessage = onProgress;
    return call<UpdateProgress>("install_update", { onProgress: channel });
  },
  /** Starts Lotbook again (the installed update then runs). */
  restartApp: () => call<null>("restart_app"),
  /** Hashes the database and every photo of one backup again. */
  verifyBackup: (path: string) => call<VerifyReport>("verify_backup", { path }),
  /** What a backup holds, before restoring it. */
  previewBackup: (path: string) => call<BackupInfo>("preview_backup", { path }),
  /** Restores in place, all or nothing (the current data is backed up first); `ok: false` says why not, data unchanged. Every query must be reloaded after. */
  restoreBackup: (path: string) => call<RestoreOutcome>("restore_backup", { path }),
  /** null forgets the second location. */
  setSecondBackupLocation: (folder: string | null) => call<BackupLocation[]>("set_second_backup_location", { folder }),
  /** Opens backups/ (or the second location) in the file manager. */
  openBackupFolder: (second: boolean) => call<null>("open_backup_folder", { second }),

  /** The OS file picker; an empty list when the dealer closes it. */
  pickPhotoFiles: async (filterName: string): Promise<string[]> => {
    try {
      const picked = await open({ multiple: true, filters: [{ name: filterName, extensions: PHOTO_EXTENSIONS }] });
      return picked ?? [];
    } catch (e) {
      throw toApiError(e);
    }
  },
  /** One spreadsheet (.xlsx, .xls, .csv); null when the picker is closed. */
  pickSpreadsheet: async (filterName: string): Promise<string | null> => {
    try {
      const picked = await open({ multiple: false, filters: [{ name: filterName, extensions: SHEET_EXTENSIONS }] });
      return picked ?? null;
    } catch (e) {
      throw toApiError(e);
    }
  },
  /** One folder, e.g. a camera's memory card; an empty list when closed. */
  pickPhotoFolder: async (): Promise<string[]> => {
    try {
      const picked = await open({ directory: true });
      return picked ? [picked] : [];
    } catch (e) {
      throw toApiError(e);
    }
  },
  /** One folder (the team's shared sync folder); null when the picker is closed. */
  pickFolder: async (): Promise<string | null> => {
    try {
      const picked = await open({ directory: true, multiple: false });
      return picked ?? null;
    } catch (e) {
      throw toApiError(e);
    }
  },
  /**
   * The OS save dialog for a spreadsheet; null when the dealer closes it. With $LOTBOOK_SAVE_DIR set
   * (end-to-end tests: WebDriver cannot answer OS dialogs) the file goes there under its default name.
   */
  pickSavePath: async (defaultName: string, ext: "xlsx" | "csv", filterName: string): Promise<string | null> => {
    try {
      const fixed = await invoke<string | null>("save_dir_override");
      if (fixed) return `${fixed.replace(/[\\/]+$/, "")}/${defaultName}`;
      const picked = await save({ defaultPath: defaultName, filters: [{ name: filterName, extensions: [ext] }] });
      return picked ?? null;
    } catch (e) {
      throw toApiError(e);
    }
  },
  /** The folder "take everything with you" writes into; null when the picker is closed ($LOTBOOK_SAVE_DIR in tests). */
  pickExportFolder: async (): Promise<string | null> => {
    try {
      const fixed = await invoke<string | null>("save_dir_override");
      if (fixed) return fixed;
      const picked = await open({ directory: true, multiple: false });
      return picked ?? null;
    } catch (e) {
      throw toApiError(e);
    }
  },
  /** Writes one kind to `path` (.xlsx or .csv by its extension); resolves with the rows written. */
  exportSheet: (kind: Export, path: string) => call<number>("export_sheet", { kind, path }),
  /**
   * Writes everything into a new folder inside `parent` ("Lotbook 내보내기 <date>").
   * `onProgress` hears each step; cancelExportAll(jobId) makes it fail with code "cancelled", leaving no folder.
   */
  exportAll: (parent: string, lang: Lang, jobId: string, onProgress: (p: ExportAllProgress) => void) => {
    const channel = new Channel<ExportAllProgress>();
    channel.onmessage = onProgress;
    return call<ExportAllReport>("export_all", { parent, lang, jobId, onProgress: channel });
  },
  cancelExportAll: (jobId: string) => call<null>("cancel_export_all", { jobId }),
  /** Opens a folder exportAll wrote in this session in the system's file manager. */
  openExportFolder: (path: string) => call<null>("open_export_folder", { path }),
  /** Files dragged from the OS onto the window. Resolves with the unsubscribe function. */
  onFileDrop: async (handler: (drop: FileDrop) => void): Promise<() => void> => {
    return getCurrentWebview().onDragDropEvent(({ payload }) => {
      if (payload.type === "drop") handler({ type: "drop", paths: payload.paths });
      else if (payload.type === "leave") handler({ type: "leave" });
      else handler({ type: "over" });
    });
  },
};
