export type MessageTemplateValues = Readonly<Record<string, string | number>>;

const placeholderPattern = /\{\{\{\s*([A-Za-z][\w.]*)\s*\}\}\}|\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

/**
 * Fills a mail or chat template of the static configuration: `{{name}}` gets the value escaped for where it goes
 * (HTML, a chat platform's markup), `{{{name}}}` the value as is. The portal checked the templates' placeholders
 * when it loaded them, so a missing value here is a bug of the listener and throws instead of sending a message
 * with a silent blank.
 */
export function renderMessageTemplate(
  text: string,
  values: MessageTemplateValues,
  escape: (value: string, name: string) => string,
): string {
  return text.replace(placeholderPattern, (_match, raw: string | undefined, escaped: string | undefined) => {
    const name = raw ?? escaped ?? "";
    const value = values[name];
    if (value === undefined) throw new Error(`No value for template variable ${name}`);
    return raw === undefined ? escape(String(value), name) : String(value);
  });
}
