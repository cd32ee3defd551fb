// State-based routing: a small stack of screens, enough for list <-> detail <-> form.
import { createContext, useContext } from "react";

export type Route =
  | { name: "today" }
  | { name: "inventory" }
  | { name: "vehicle"; id: string }
  | { name: "vehicle-new" }
  | { name: "vehicle-edit"; id: string }
  /** A new report (`reportId` null, prefilled from the current one) or an edit. */
  | { name: "condition-edit"; vehicleId: string; reportId: string | null }
  | { name: "condition-print"; vehicleId: string; reportId: string }
  | { name: "customers" }
  | { name: "customer"; id: string }
  | { name: "customer-new" }
  | { name: "customer-edit"; id: string }
  /** A customer's shortlist with the email composer. */
  | { name: "shortlist"; id: string; customerId: string }
  /** The introduction email after a handover to `userId`. */
  | { name: "compose-intro"; customerId: string; userId: string }
  | { name: "inquiries" }
  | { name: "outbox" }
  | { name: "settings" }
  /** Settings › Sync: the shared folder, this computer's name, the team passphrase. */
  | { name: "sync" }
  /** After-sale care: recall and service campaigns, due follow-ups. */
  | { name: "care" }
  /** The team calendar: visits and blocked time, week or day. */
  | { name: "visits" }
  /** A spreadsheet import (Excel or CSV) of vehicles or customers. */
  | { name: "import"; kind: "vehicles" | "customers" | "recalls" };

export type Section = "today" | "inventory" | "customers" | "inquiries" | "outbox" | "settings" | "care" | "visits";

export function sectionOf(route: Route): Section {
  switch (route.name) {
    case "today":
    case "settings":
    case "inventory":
    case "customers":
    case "inquiries":
    case "outbox":
    case "care":
    case "visits":
      return route.name;
    case "vehicle":
    case "vehicle-new":
    case "vehicle-edit":
    case "condition-edit":
    case "condition-print":
      return "inventory";
    case "customer":
    case "customer-new":
    case "customer-edit":
    case "shortlist":
    case "compose-intro":
      return "customers";
    case "sync":
      return "settings";
    case "import":
      return route.kind === "customers" ? "customers" : route.kind === "recalls" ? "care" : "inventory";
  }
}

/** Where "back" leads when there is no history (e.g. after a replace). */
export function parentOf(route: Route): Route {
  switch (route.name) {
    case "vehicle-edit":
      return { name: "vehicle", id: route.id };
    case "condition-edit":
    case "condition-print":
      return { name: "vehicle", id: route.vehicleId };
    case "customer-edit":
      return { name: "customer", id: route.id };
    case "shortlist":
    case "compose-intro":
      return { name: "customer", id: route.customerId };
    default:
      return { name: sectionOf(route) };
  }
}

export type Nav = {
  route: Route;
  /** Opens a screen on top of the current one. */
  go: (route: Route) => void;
  /** Swaps the current screen (e.g. a saved form becomes the detail page). */
  replace: (route: Route) => void;
  /** Starts afresh at a top-level screen (sidebar), clearing that list's search and filters. */
  reset: (route: Route) => void;
  back: () => void;
};

export const NavContext = createContext<Nav | null>(null);

export function useNav(): Nav {
  const nav = useContext(NavContext);
  if (!nav) throw new Error("useNav outside NavContext");
  return nav;
}

export type Stack = Route[];

export function push(stack: Stack, route: Route): Stack {
  return [...stack, route];
}

export function replaceTop(stack: Stack, route: Route): Stack {
  return [...stack.slice(0, -1), route];
}

export function pop(stack: Stack): Stack {
  const top = stack[stack.length - 1];
  if (stack.length > 1) return stack.slice(0, -1);
  return top && top.name !== sectionOf(top) ? [parentOf(top)] : stack;
}
