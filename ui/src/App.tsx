import { useIsFetching } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { Header } from "./components/Header";
import { Sidebar } from "./components/Sidebar";
import { NavContext, pop, push, replaceTop, type Nav, type Route, type Stack } from "./navigation";
import { CustomerDetail } from "./screens/customers/CustomerDetail";
import { CustomerCreate, CustomerEdit } from "./screens/customers/CustomerFormScreen";
import { CustomerList } from "./screens/customers/CustomerList";
import { emptyCustomerFilters, type CustomerFilters } from "./screens/customers/filters";
import { emptyVehicleFilters, type VehicleFilters } from "./screens/inventory/filters";
import { VehicleDetail } from "./screens/inventory/VehicleDetail";
import { VehicleCreate, VehicleEdit } from "./screens/inventory/VehicleFormScreen";
import { ConditionEditScreen } from "./screens/inventory/condition/ConditionEditScreen";
import { ConditionPrintScreen } from "./screens/inventory/condition/ConditionPrintScreen";
import { ImportScreen } from "./screens/import/ImportScreen";
import { VehicleList } from "./screens/inventory/VehicleList";
import { Inquiries } from "./screens/inquiries/Inquiries";
import { Outbox } from "./screens/outbox/Outbox";
import { Settings } from "./screens/settings/Settings";
import { IntroScreen } from "./screens/shortlist/IntroScreen";
import { ShortlistScreen } from "./screens/shortlist/ShortlistScreen";
import { SyncScreen } from "./screens/sync/SyncScreen";
import { Today } from "./screens/today/Today";
import { Care } from "./screens/care/Care";
import { Visits } from "./screens/visits/Visits";
import { useMailboxEvents, useSyncEvents } from "./useSyncEvents";
import { useTeamZone } from "./useTeamZone";

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

export function App({ start = { name: "today" } }: { start?: Route }) {
  const [stack, setStack] = useState<Stack>([start]);
  // Filters live here so they survive a visit to a detail page and back.
  const [vehicleFilters, setVehicleFilters] = useState<VehicleFilters>(emptyVehicleFilters);
  const [customerFilters, setCustomerFilters] = useState<CustomerFilters>(emptyCustomerFilters);
  const route = stack[stack.length - 1] ?? start;
  const mainRef = useRef<HTMLElement>(null);
  // A colleague's changes arriving through the shared folder refresh what is on screen.
  useSyncEvents();
  useMailboxEvents();
  // Every date and time below is read on the team's clock; a change re-renders the screens.
  const zone = useTeamZone();
  // A marker for the end-to-end tests: nothing is being read for the screen.
  const ready = useIsFetching() === 0;

  const nav = useMemo<Nav>(
    () => ({
      route,
      go: (r) => setStack((s) => push(s, r)),
      replace: (r) => setStack((s) => replaceTop(s, r)),
      // The sidebar starts a section afresh, search and filters included;
      // "back" from a detail page keeps them.
      reset: (r) => {
        setStack([r]);
        setVehicleFilters(emptyVehicleFilters);
        setCustomerFilters(emptyCustomerFilters);
      },
      back: () => setStack(pop),
    }),
    [route],
  );

  // Alt+← and the mouse's back button, as in a browser; never while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key === "ArrowLeft" && !isTyping(e.target)) {
        e.preventDefault();
        setStack(pop);
      }
    };
    const onMouse = (e: MouseEvent) => {
      if (e.button === 3) setStack(pop);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("mouseup", onMouse);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("mouseup", onMouse);
    };
  }, []);

  useEffect(() => {
    mainRef.current?.scrollTo?.({ top: 0 });
  }, [route]);

  return (
    <NavContext.Provider value={nav}>
      <div className="app">
        <Header />
        <div className="body">
          <Sidebar />
          <main className="main" ref={mainRef} data-ready={ready}>
            <Screen
              key={JSON.stringify(route) + zone}
              route={route}
              vehicleFilters={vehicleFilters}
              setVehicleFilters={setVehicleFilters}
              customerFilters={customerFilters}
              setCustomerFilters={setCustomerFilters}
            />
          </main>
        </div>
      </div>
    </NavContext.Provider>
  );
}

type ScreenProps = {
  route: Route;
  vehicleFilters: VehicleFilters;
  setVehicleFilters: (f: VehicleFilters) => void;
  customerFilters: CustomerFilters;
  setCustomerFilters: (f: CustomerFilters) => void;
};

function Screen({ route, vehicleFilters, setVehicleFilters, customerFilters, setCustomerFilters }: ScreenProps) {
  switch (route.name) {
    case "today":
      return <Today />;
    case "inventory":
      return <VehicleList filters={vehicleFilters} onFiltersChange={setVehicleFilters} />;
    case "vehicle":
      return <VehicleDetail id={route.id} />;
    case "vehicle-new":
      return <VehicleCreate />;
    case "vehicle-edit":
      return <VehicleEdit id={route.id} />;
    case "condition-edit":
      return <ConditionEditScreen vehicleId={route.vehicleId} reportId={route.reportId} />;
    case "condition-print":
      return <ConditionPrintScreen vehicleId={route.vehicleId} reportId={route.reportId} />;
    case "customers":
      return <CustomerList filters={customerFilters} onFiltersChange={setCustomerFilters} />;
    case "customer":
      return <CustomerDetail id={route.id} />;
    case "customer-new":
      return <CustomerCreate />;
    case "customer-edit":
      return <CustomerEdit id={route.id} />;
    case "shortlist":
      return <ShortlistScreen id={route.id} />;
    case "compose-intro":
      return <IntroScreen customerId={route.customerId} userId={route.userId} />;
    case "inquiries":
      return <Inquiries />;
    case "outbox":
      return <Outbox />;
    case "settings":
      return <Settings />;
    case "sync":
      return <SyncScreen />;
    case "care":
      return <Care />;
    case "visits":
      return <Visits />;
    case "import":
      return <ImportScreen key={route.kind} kind={route.kind} />;
  }
}
