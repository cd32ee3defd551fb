// Typed keys: a misspelt translation key is a compile error.
import "i18next";
import type { Messages } from "./ko";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
    returnNull: false;
  }
}
