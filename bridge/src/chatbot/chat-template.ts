/**
 * Fills a chat template of the static configuration: `{{name}}` gets the value escaped for the target platform,
 * `{{{name}}}` the value as is. The portal checked the templates' placeholders when it loaded them, so a missing
 * value here is a bug of the chatbot and throws instead of sending a message with a silent blank.
 */
export type ChatTemplateValues = Readonly<Record<string, string | number>>;

const placeholderPattern = /\{\{\{\s*([A-Za-z][\w.]*)\s*\}\}\}|\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

export function renderChatTemplate(
  text: string,
  values: ChatTemplateValues,
  escape: (value: string, name: string) => string,
): string {
  return text.replace(placeholderPattern, (_match, raw: string | undefined, escaped: string | undefined) => {
    const name = raw ?? escaped ?? "";
    const value = values[name];
    if (value === undefined) throw new Error(`No value for chat template variable ${name}`);
    return raw === undefined ? escape(String(value), name) : String(value);
  });
}
