import { describe, expect, it } from "vitest";
import type { Customer } from "../../bindings/Customer";
import { customerDraftToInput, customerToDraft, newCustomerDraft } from "./customerDraft";

const customer: Customer = {
  id: "c1",
  name: "이정훈",
  phone: "010-9876-5432",
  email: "lee@naver.com",
  region: "서울 노원구",
  source: "blog",
  current_car: "2002 레조 (자동)",
  trade_in: true,
  wants: {
    models: ["SM520", "SM5"],
    year_min: 2008,
    year_max: null,
    budget_max_krw: 8_000_000,
    mileage_max_km: 150_000,
    fuel: null,
    color: "흰색",
  },
  assigned_user_id: "u1",
  assigned_user_name: "김성수",
  notes: "토요일 방문",
  consent_contact: true,
  created_at: "2024-05-01T01:00:00Z",
  updated_at: "2024-05-01T01:00:00Z",
};

describe("customer draft", () => {
  it("round-trips a customer into the input the core expects", () => {
    const check = customerDraftToInput(customerToDraft(customer), "c1");
    expect(check).toEqual({
      ok: true,
      input: {
        id: "c1",
        name: "이정훈",
        phone: "010-9876-5432",
        email: "lee@naver.com",
        region: "서울 노원구",
        source: "blog",
        current_car: "2002 레조 (자동)",
        trade_in: true,
        wants: customer.wants,
        assigned_user_id: "u1",
        notes: "토요일 방문",
        consent_contact: true,
      },
    });
  });

  it("sends empty wants as nulls and no dealer as null", () => {
    const check = customerDraftToInput({ ...newCustomerDraft(""), name: "최영희" }, null);
    expect(check.ok && check.input.wants).toEqual({
      models: [],
      year_min: null,
      year_max: null,
      budget_max_krw: null,
      mileage_max_km: null,
      fuel: null,
      color: "",
    });
    expect(check.ok && check.input.assigned_user_id).toBeNull();
  });

  it("flags non-numbers under the core's field names", () => {
    const check = customerDraftToInput({ ...newCustomerDraft("u1"), year_min: "이천십", budget: NaN }, null);
    expect(check).toEqual({
      ok: false,
      errors: { "wants.year_min": "invalid_number", "wants.budget_max_krw": "invalid_number" },
    });
  });
});
