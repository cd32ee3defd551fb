// The pickers show the UI language's format on a machine whose OS locale is
// American (these tests run in New York with navigator.language en-US).
import { act, fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { changeLang } from "../i18n";
import type { Lang } from "../i18n/lang";
import { renderWithProviders } from "../test/render";
import { DateField, TimeInput } from "./DatePicker";

function DateHarness({ initial, onValue }: { initial: string; onValue: (v: string) => void }) {
  const [v, setV] = useState(initial);
  return (
    <DateField
      name="when"
      label="When"
      value={v}
      onChange={(x) => {
        setV(x);
        onValue(x);
      }}
    />
  );
}

function renderDate(lang: Lang, initial = "2026-12-05") {
  const onValue = vi.fn();
  renderWithProviders(<DateHarness initial={initial} onValue={onValue} />, { lang });
  return { onValue, input: screen.getByLabelText("When") as HTMLInputElement };
}

describe("DateField", () => {
  it("shows the language's format, not the OS locale's 12/05/2026", () => {
    expect(renderDate("ko").input.value).toBe("2026.12.05");
  });

  it("shows 5 Dec 2026 in English", () => {
    expect(renderDate("en").input.value).toBe("5 Dec 2026");
  });

  it("reads what is typed in either format and hands back YYYY-MM-DD", () => {
    const { input, onValue } = renderDate("en");
    fireEvent.change(input, { target: { value: "2026.12.24" } });
    expect(onValue).toHaveBeenLastCalledWith("2026-12-24");
    fireEvent.blur(input);
    expect(input.value).toBe("24 Dec 2026");
    fireEvent.change(input, { target: { value: "12/24/2026" } });
    // Not a date it can be sure of: handed on as typed (the core names the field) and marked.
    expect(onValue).toHaveBeenLastCalledWith("12/24/2026");
    expect(input.getAttribute("aria-invalid")).toBe("true");
  });

  it("picks from a month grid with the keyboard", () => {
    const { input, onValue } = renderDate("ko");
    fireEvent.click(screen.getByRole("button", { name: "달력 열기" }));
    const dialog = screen.getByRole("dialog", { name: "날짜 고르기" });
    expect(dialog.textContent).toContain("2026년 12월");
    // Focus starts on the chosen day; → moves a day, PageDown a month.
    expect(document.activeElement?.getAttribute("aria-label")).toBe("2026년 12월 5일 토요일");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
    expect(document.activeElement?.getAttribute("aria-label")).toBe("2026년 12월 6일 일요일");
    fireEvent.keyDown(document.activeElement!, { key: "PageDown" });
    expect(document.activeElement?.getAttribute("aria-label")).toBe("2027년 1월 6일 수요일");
    fireEvent.click(document.activeElement!);
    expect(onValue).toHaveBeenLastCalledWith("2027-01-06");
    expect(input.value).toBe("2027.01.06");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(input);
  });

  it("closes the calendar on Escape without changing the date", () => {
    const { input, onValue } = renderDate("en");
    fireEvent.click(screen.getByRole("button", { name: "Open the calendar" }));
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(onValue).not.toHaveBeenCalled();
    expect(input.value).toBe("5 Dec 2026");
  });

  it("follows a language switch", async () => {
    const { input } = renderDate("ko");
    expect(input.value).toBe("2026.12.05");
    await act(() => changeLang("en"));
    expect(input.value).toBe("5 Dec 2026");
  });
});

describe("TimeInput", () => {
  function TimeHarness({ onValue }: { onValue: (v: string) => void }) {
    const [v, setV] = useState("12:00");
    return (
      <>
        <label htmlFor="t">Start</label>
        <TimeInput
          id="t"
          value={v}
          onChange={(x) => {
            setV(x);
            onValue(x);
          }}
        />
      </>
    );
  }

  it("shows 24-hour HH:MM, reads 2:30 pm, steps with the arrow keys", () => {
    const onValue = vi.fn();
    renderWithProviders(<TimeHarness onValue={onValue} />, { lang: "en" });
    const input = screen.getByLabelText("Start") as HTMLInputElement;
    expect(input.value).toBe("12:00");
    fireEvent.change(input, { target: { value: "2:30 pm" } });
    expect(onValue).toHaveBeenLastCalledWith("14:30");
    fireEvent.keyDown(input, { key: "ArrowUp" });
    expect(onValue).toHaveBeenLastCalledWith("14:45");
    expect(input.value).toBe("14:45");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(onValue).toHaveBeenLastCalledWith("14:30");
  });

  it("lists the times to pick from", () => {
    const onValue = vi.fn();
    renderWithProviders(<TimeHarness onValue={onValue} />, { lang: "ko" });
    fireEvent.click(screen.getByRole("button", { name: "시각 목록 열기" }));
    const list = screen.getByRole("listbox", { name: "시각 고르기" });
    expect(list.querySelectorAll("[role=option]")).toHaveLength(96);
    fireEvent.click(screen.getByRole("button", { name: "13:15" }));
    expect(onValue).toHaveBeenLastCalledWith("13:15");
    expect(screen.queryByRole("listbox")).toBeNull();
  });
});
