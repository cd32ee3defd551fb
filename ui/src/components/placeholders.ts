// A stored wording template (minijinja source, as the core keeps it) as a list
// of plain text and chips, and back. Every `{{ … }}` and `{% … %}` tag becomes
// one chip that keeps its exact source, so joining the pieces gives the same
// bytes back: the email made from an edited wording only changes where the
// dealer changed words.

/** What a chip stands for; its label comes from this. */
export type ChipKind =
  | { kind: "value"; name: string } // {{ customer }}
  | { kind: "if"; name: string } // {% if team %}
  | { kind: "plural"; name: string } // {% if count != 1 %}
  | { kind: "end" } // {% endif %}
  | { kind: "other" }; // any other tag a dealer once typed: kept as it is

export type Segment = { type: "text"; text: string } | { type: "chip"; raw: string; chip: ChipKind };

const TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;
const NAME = "[A-Za-z_][A-Za-z0-9_]*";
const VALUE = new RegExp(`^\\{\\{-?\\s*(${NAME})\\s*-?\\}\\}$`);
const IF = new RegExp(`^\\{%-?\\s*if\\s+(${NAME})\\s*-?%\\}$`);
const PLURAL = new RegExp(`^\\{%-?\\s*if\\s+(${NAME})\\s*!=\\s*1\\s*-?%\\}$`);
const END = /^\{%-?\s*endif\s*-?%\}$/;

export function chipKind(raw: string): ChipKind {
  let m = VALUE.exec(raw);
  if (m) return { kind: "value", name: m[1] ?? "" };
  m = IF.exec(raw);
  if (m) return { kind: "if", name: m[1] ?? "" };
  m = PLURAL.exec(raw);
  if (m) return { kind: "plural", name: m[1] ?? "" };
  if (END.test(raw)) return { kind: "end" };
  return { kind: "other" };
}

/** The template as text and chips; `join(split(s)) === s` for every string. */
export function split(source: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of source.matchAll(TAG)) {
    const start = m.index;
    if (start > at) out.push({ type: "text", text: source.slice(at, start) });
    out.push({ type: "chip", raw: m[0], chip: chipKind(m[0]) });
    at = start + m[0].length;
  }
  if (at < source.length) out.push({ type: "text", text: source.slice(at) });
  return out;
}

export function join(segments: readonly Segment[]): string {
  return segments.map((s) => (s.type === "text" ? s.text : s.raw)).join("");
}

/** The source a newly inserted chip gets, in the core's own spelling. */
export const valueTag = (name: string) => `{{ ${name} }}`;
export const ifTag = (name: string) => `{% if ${name} %}`;
export const END_TAG = "{% endif %}";
