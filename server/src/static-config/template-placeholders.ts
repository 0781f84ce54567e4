/** `{{name}}` (HTML-escaped in HTML output) and `{{{name}}}` (inserted as is); names are dotted, e.g. `user.name`. */
export interface Placeholder {
  readonly name: string;
  readonly raw: boolean;
  readonly start: number;
  readonly end: number;
}

const namePattern = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** Finds every placeholder; sections, partials, comments and unterminated braces are reported as errors. */
export function findPlaceholders(text: string): { placeholders: Placeholder[]; errors: string[] } {
  const placeholders: Placeholder[] = [];
  const errors: string[] = [];
  let index = text.indexOf("{{");
  while (index >= 0) {
    const raw = text.startsWith("{{{", index);
    const close = raw ? "}}}" : "}}";
    const contentStart = index + (raw ? 3 : 2);
    const end = text.indexOf(close, contentStart);
    if (end < 0) {
      errors.push(`unterminated "${raw ? "{{{" : "{{"}"`);
      break;
    }
    const name = text.slice(contentStart, end).trim();
    if (/^[#^/>!&=]/.test(name)) errors.push(`"{{${name}}}": only {{variable}} placeholders are supported`);
    else if (!namePattern.test(name)) errors.push(`"{{${name}}}" is not a valid placeholder name`);
    else placeholders.push({ name, raw, start: index, end: end + close.length });
    index = text.indexOf("{{", end + close.length);
  }
  return { placeholders, errors };
}

const htmlEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character] ?? character);
}

/**
 * Fills the placeholders of a template that passed `loadStaticConfig` (so it has no syntax errors). With
 * `html: true`, `{{x}}` is HTML-escaped and `{{{x}}}` is not. A variable without a value is a programming error
 * and throws, so a message never goes out with a silent blank.
 */
export function renderTemplate(
  text: string,
  values: Readonly<Record<string, string | number>>,
  options: { readonly html: boolean },
): string {
  const { placeholders, errors } = findPlaceholders(text);
  if (errors.length > 0) throw new Error(`Invalid template: ${errors.join("; ")}`);
  let output = "";
  let position = 0;
  for (const placeholder of placeholders) {
    const value = values[placeholder.name];
    if (value === undefined) throw new Error(`No value for template variable ${placeholder.name}`);
    const textValue = String(value);
    output += text.slice(position, placeholder.start);
    output += options.html && !placeholder.raw ? escapeHtml(textValue) : textValue;
    position = placeholder.end;
  }
  return output + text.slice(position);
}
