// Wording with named chips ("고객 이름", "팀 이름") in place of template tags.
// An editable box whose chips are non-editable spans: the browser treats each
// as one character, and Backspace/Delete here remove a chip (and the other half
// of an "only when" pair) in one key press. The box is not re-rendered by
// React while the dealer types; it is rebuilt only when `value` changes from
// outside, so the caret stays put.
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { END_TAG, chipKind, ifTag, split, valueTag, type ChipKind, type Segment } from "./placeholders";

type Props = {
  value: string;
  onChange: (value: string) => void;
  /** The values the menu offers, e.g. ["customer", "team"]. */
  names: readonly string[];
  /** Values the menu offers an "only when it is set" pair for. */
  conditions?: readonly string[];
  /** One line (a subject): Enter does nothing. */
  singleLine?: boolean;
  id?: string;
  label: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  testId: string;
};

export function chipLabel(t: TFunction, chip: ChipKind): string {
  const name = (n: string) => t(`placeholder.value.${n}`, { defaultValue: n });
  switch (chip.kind) {
    case "value":
      return name(chip.name);
    case "if":
      return t("placeholder.if", { label: name(chip.name) });
    case "plural":
      return t("placeholder.plural", { label: name(chip.name) });
    case "end":
      return t("placeholder.end");
    case "other":
      return t("placeholder.other");
  }
}

function chipNode(t: TFunction, raw: string): HTMLSpanElement {
  const chip = chipKind(raw);
  const span = document.createElement("span");
  span.contentEditable = "false";
  span.className = `chip chip-${chip.kind}`;
  span.dataset.raw = raw;
  span.textContent = chipLabel(t, chip);
  return span;
}

function fill(box: HTMLElement, t: TFunction, segments: readonly Segment[]) {
  box.replaceChildren(
    ...segments.map((s) => (s.type === "text" ? document.createTextNode(s.text) : chipNode(t, s.raw))),
  );
}

/** The box's content as template source. Pasted or browser-made blocks read as lines. */
export function readBox(box: Node): string {
  let out = "";
  box.childNodes.forEach((n, i) => {
    if (n.nodeType === Node.TEXT_NODE) out += (n.textContent ?? "").replace(/\u00a0/g, " ");
    else if (n instanceof HTMLElement && n.dataset.raw !== undefined) out += n.dataset.raw;
    else if (n.nodeName === "BR") out += "\n";
    else if (n instanceof HTMLElement) out += (i > 0 ? "\n" : "") + readBox(n);
  });
  return out;
}

function isChip(n: Node | null | undefined): n is HTMLElement {
  return n instanceof HTMLElement && n.dataset.raw !== undefined;
}

/** The chip right before (or after) a collapsed caret, if any. */
function chipAtCaret(box: HTMLElement, forward: boolean): HTMLElement | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.isCollapsed) return null;
  const { startContainer: c, startOffset: o } = sel.getRangeAt(0);
  if (!box.contains(c)) return null;
  if (c.nodeType === Node.TEXT_NODE) {
    const len = c.textContent?.length ?? 0;
    if (!forward && o === 0) return isChip(c.previousSibling) ? c.previousSibling : null;
    if (forward && o === len) return isChip(c.nextSibling) ? c.nextSibling : null;
    return null;
  }
  const n = forward ? c.childNodes[o] : c.childNodes[o - 1];
  return isChip(n) ? n : null;
}

/** An "only when" chip's other half: the matching end after an if, the if before an end. */
function partner(chip: HTMLElement): HTMLElement | null {
  const kind = chipKind(chip.dataset.raw ?? "").kind;
  const opens = (n: Node) => isChip(n) && ["if", "plural"].includes(chipKind(n.dataset.raw ?? "").kind);
  const ends = (n: Node) => isChip(n) && chipKind(n.dataset.raw ?? "").kind === "end";
  let depth = 0;
  if (kind === "if" || kind === "plural") {
    for (let n = chip.nextSibling; n; n = n.nextSibling) {
      if (opens(n)) depth++;
      else if (ends(n)) {
        if (depth === 0) return n as HTMLElement;
        depth--;
      }
    }
  } else if (kind === "end") {
    for (let n = chip.previousSibling; n; n = n.previousSibling) {
      if (ends(n)) depth++;
      else if (opens(n)) {
        if (depth === 0) return n as HTMLElement;
        depth--;
      }
    }
  }
  return null;
}

/** Puts nodes at the caret when it is in the box, else at the end; the caret goes after `caretAfter`. */
function insertAtCaret(box: HTMLElement, nodes: Node[], caretAfter: Node) {
  const sel = window.getSelection();
  let range: Range;
  if (sel && sel.rangeCount > 0 && box.contains(sel.getRangeAt(0).startContainer)) {
    range = sel.getRangeAt(0);
    range.deleteContents();
  } else {
    range = document.createRange();
    range.selectNodeContents(box);
    range.collapse(false);
  }
  const frag = document.createDocumentFragment();
  nodes.forEach((n) => frag.appendChild(n));
  range.insertNode(frag);
  const after = document.createRange();
  after.setStartAfter(caretAfter);
  after.collapse(true);
  sel?.removeAllRanges();
  sel?.addRange(after);
}

export function PlaceholderText({ value, onChange, names, conditions = [], singleLine, id, label, testId, ...aria }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  // What the box holds now; a `value` equal to it came from the box itself.
  const shown = useRef<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    if (box.current && value !== shown.current) {
      fill(box.current, t, split(value));
      shown.current = value;
    }
  }, [value, t]);

  // Chip labels follow the UI language.
  useEffect(() => {
    box.current?.querySelectorAll<HTMLElement>("[data-raw]").forEach((el) => {
      el.textContent = chipLabel(t, chipKind(el.dataset.raw ?? ""));
    });
  }, [t]);

  const emit = () => {
    if (!box.current) return;
    const next = readBox(box.current);
    shown.current = next;
    if (next !== value) onChange(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!box.current) return;
    if (e.key === "Backspace" || e.key === "Delete") {
      const chip = chipAtCaret(box.current, e.key === "Delete");
      if (!chip) return;
      e.preventDefault();
      partner(chip)?.remove();
      chip.remove();
      emit();
    } else if (e.key === "Enter") {
      // A line break is a "\n" in the text, never a browser-made <div>.
      e.preventDefault();
      if (singleLine) return;
      const nl = document.createTextNode("\n");
      insertAtCaret(box.current, [nl], nl);
      emit();
    }
  };

  const insert = (nodes: string[], caretAfter: number) => {
    if (!box.current) return;
    const made = nodes.map((raw) => (raw.startsWith("{") ? chipNode(t, raw) : document.createTextNode(raw)));
    const after = made[caretAfter];
    if (after) insertAtCaret(box.current, made, after);
    setMenuOpen(false);
    emit();
    box.current.focus();
  };

  return (
    <div className="placeholder-text">
      <div
        ref={box}
        id={id}
        className={`placeholder-box${singleLine ? " placeholder-box-line" : ""}`}
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline={!singleLine}
        aria-label={label}
        aria-invalid={aria["aria-invalid"]}
        aria-describedby={aria["aria-describedby"]}
        spellCheck={false}
        onInput={emit}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          // Only words come in: a pasted page's markup would not be wording.
          e.preventDefault();
          const text = e.clipboardData.getData("text/plain");
          if (!box.current || !text) return;
          const node = document.createTextNode(singleLine ? text.replace(/\s*\n\s*/g, " ") : text);
          insertAtCaret(box.current, [node], node);
          emit();
        }}
        data-testid={testId}
      />
      <div className="placeholder-menu">
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={menuOpen}
          // Keep the caret in the box: the chip goes where the dealer was typing.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => setMenuOpen((o) => !o)}
          data-testid={`${testId}-add`}
        >
          {t("placeholder.add")}
        </button>
        {menuOpen && (
          <ul className="placeholder-choices" role="menu">
            {names.map((n) => (
              <li key={n} role="none">
                <button
                  type="button"
                  role="menuitem"
                  className="chip chip-value"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert([valueTag(n)], 0)}
                  data-testid={`${testId}-add-${n}`}
                >
                  {chipLabel(t, { kind: "value", name: n })}
                </button>
              </li>
            ))}
            {conditions.map((n) => (
              <li key={`if-${n}`} role="none">
                <button
                  type="button"
                  role="menuitem"
                  className="chip chip-if"
                  onMouseDown={(e) => e.preventDefault()}
                  // The pair with the value inside; the dealer types around it.
                  onClick={() => insert([ifTag(n), valueTag(n), END_TAG], 1)}
                  data-testid={`${testId}-add-if-${n}`}
                >
                  {chipLabel(t, { kind: "if", name: n })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
