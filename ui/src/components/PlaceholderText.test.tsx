// The core's own source, so the defaults tested are the ones it uses.
import templatesRs from "../../../src/mail/templates.rs?raw";
import { act, fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../test/render";
import { campaignTemplate } from "../screens/care/campaignDefaults";
import { PlaceholderText, readBox } from "./PlaceholderText";
import { join, split } from "./placeholders";

/** The core's default wordings, read from its source so a new one is tested too. */
function coreDefaults(): string[] {
  const src = templatesRs;
  const body = src.slice(src.indexOf("pub fn default_template"), src.indexOf("pub fn setting_key"));
  const found = [...body.matchAll(/=> "((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1] ?? ""}"`) as string);
  const wordings = found.filter((s) => s !== ""); // the match's fallback arm
  expect(wordings.length).toBe(10);
  return wordings;
}

const ALL_DEFAULTS = [
  ...coreDefaults(),
  ...(["ko", "en"] as const).flatMap((l) => [campaignTemplate(l).subject, campaignTemplate(l).body]),
];

function Harness({ initial, onChange }: { initial: string; onChange: (v: string) => void }) {
  const [v, setV] = useState(initial);
  return (
    <PlaceholderText
      value={v}
      onChange={(next) => {
        setV(next);
        onChange(next);
      }}
      names={["customer", "team", "car"]}
      conditions={["team"]}
      label="문구"
      testId="words"
    />
  );
}

function caretAt(node: Node, offset: number) {
  const r = document.createRange();
  r.setStart(node, offset);
  r.collapse(true);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(r);
}

describe("placeholders: template ↔ text and chips", () => {
  it("gives every default wording (ko, en, mail and campaign) back byte for byte", () => {
    for (const source of ALL_DEFAULTS) {
      expect(join(split(source))).toBe(source);
    }
    // Not a vacuous pass: the wordings do hold tags (the closing alone has none).
    expect(ALL_DEFAULTS.flatMap(split).filter((s) => s.type === "chip").length).toBeGreaterThan(40);
  });

  it("keeps odd spellings and unknown tags exactly as they were", () => {
    for (const s of ["{{customer}}님", "{%- if team -%}x{% endif %}", "{{ a | upper }} {# note #}", "{{ 열린", "", "}} {%"]) {
      expect(join(split(s))).toBe(s);
    }
  });

  it("names what each tag is", () => {
    expect(split("{{ customer }} {% if team %}({{ team }}){% endif %}{% if count != 1 %}s{% endif %}").map((s) =>
      s.type === "chip" ? s.chip.kind : "text",
    )).toEqual(["value", "text", "if", "text", "value", "text", "end", "plural", "text", "end"]);
  });
});

describe("PlaceholderText", () => {
  it("shows every default wording as words and chips, and reads back the same template", () => {
    for (const source of ALL_DEFAULTS) {
      const { unmount } = renderWithProviders(<Harness initial={source} onChange={() => {}} />);
      const box = screen.getByTestId("words");
      expect(box.textContent).not.toMatch(/\{\{|\{%|%\}|\}\}/);
      expect(readBox(box)).toBe(source);
      unmount();
    }
  });

  it("names the chips in the UI's language", () => {
    renderWithProviders(<Harness initial="{{ customer }} 님, {% if team %}{{ team }} {% endif %}{{ car }}" onChange={() => {}} />);
    const chips = [...screen.getByTestId("words").querySelectorAll(".chip")].map((c) => c.textContent);
    expect(chips).toEqual(["고객 이름", "팀 이름이(가) 있을 때만 ▸", "팀 이름", "◂ 여기까지", "차량"]);

    const { unmount } = renderWithProviders(<Harness initial="Dear {{ customer }}" onChange={() => {}} />, { lang: "en" });
    expect(screen.getAllByTestId("words")[1]?.textContent).toBe("Dear Customer's name");
    unmount();
  });

  it("deletes a chip with one Backspace, and an 'only when' pair together", () => {
    const onChange = vi.fn();
    renderWithProviders(<Harness initial="{{ customer }} 님 {% if team %}({{ team }}){% endif %}" onChange={onChange} />);
    const box = screen.getByTestId("words");
    // Caret at the start of " 님 ": right after the customer chip.
    caretAt(box.childNodes[1] as Node, 0);
    fireEvent.keyDown(box, { key: "Backspace" });
    expect(onChange).toHaveBeenLastCalledWith(" 님 {% if team %}({{ team }}){% endif %}");

    // Caret at the end of the box: right after the closing chip.
    caretAt(box, box.childNodes.length);
    fireEvent.keyDown(box, { key: "Backspace" });
    expect(onChange).toHaveBeenLastCalledWith(" 님 ({{ team }})");
  });

  it("inserts a chip from the menu where the caret is", () => {
    const onChange = vi.fn();
    renderWithProviders(<Harness initial="안녕하세요 님" onChange={onChange} />);
    const box = screen.getByTestId("words");
    caretAt(box.firstChild as Node, 6);
    fireEvent.click(screen.getByTestId("words-add"));
    fireEvent.click(screen.getByTestId("words-add-customer"));
    expect(onChange).toHaveBeenLastCalledWith("안녕하세요 {{ customer }}님");
    expect(box.textContent).toBe("안녕하세요 고객 이름님");

    caretAt(box, box.childNodes.length);
    fireEvent.click(screen.getByTestId("words-add"));
    fireEvent.click(screen.getByTestId("words-add-if-team"));
    expect(onChange).toHaveBeenLastCalledWith("안녕하세요 {{ customer }}님{% if team %}{{ team }}{% endif %}");
  });

  it("reads typed words and Enter as plain text", () => {
    const onChange = vi.fn();
    renderWithProviders(<Harness initial="{{ customer }}" onChange={onChange} />);
    const box = screen.getByTestId("words");
    act(() => {
      box.appendChild(document.createTextNode(" 님"));
    });
    fireEvent.input(box);
    expect(onChange).toHaveBeenLastCalledWith("{{ customer }} 님");
    caretAt(box, box.childNodes.length);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onChange).toHaveBeenLastCalledWith("{{ customer }} 님\n");
  });
});
