/**
 * A reader for the `.eml` files of the mailer's outbox (RFC 5322 with MIME, as nodemailer writes them): headers
 * with RFC 2047 encoded words, multipart bodies, base64 and quoted-printable parts. Enough to show a mail and its
 * links on the command line; not a general mail parser (no attachments, no nested encodings beyond that).
 */
export interface MimeMessage {
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string | null;
  readonly html: string | null;
}

interface Part {
  readonly headers: Map<string, string>;
  readonly body: string;
}

function splitPart(raw: string): Part {
  const normalized = raw.replace(/\r\n/g, "\n");
  const end = normalized.indexOf("\n\n");
  const head = end < 0 ? normalized : normalized.slice(0, end);
  const body = end < 0 ? "" : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  // Folded header lines continue with whitespace.
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBytes(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString("utf8");
  }
}

function quotedPrintableBytes(text: string, underscoreIsSpace: boolean): Buffer {
  const source = underscoreIsSpace ? text.replace(/_/g, " ") : text.replace(/=\n/g, "");
  const bytes: number[] = [];
  for (let index = 0; index < source.length; index++) {
    const hex = source.slice(index + 1, index + 3);
    if (source[index] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else bytes.push(...Buffer.from(source[index] ?? "", "utf8"));
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`); whitespace between two words goes. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_word, charset: string, encoding: string, text: string) =>
      decodeBytes(
        encoding.toUpperCase() === "B" ? Buffer.from(text, "base64") : quotedPrintableBytes(text, true),
        charset,
      ),
    );
}

function parameter(header: string | undefined, name: string): string | null {
  const match = new RegExp(`;\\s*${name}="?([^";]+)"?`, "i").exec(header ?? "");
  return match?.[1] ?? null;
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const charset = parameter(part.headers.get("content-type"), "charset") ?? "utf-8";
  if (encoding === "base64")
    return decodeBytes(Buffer.from(part.body.replace(/\s+/g, ""), "base64"), charset);
  if (encoding === "quoted-printable") return decodeBytes(quotedPrintableBytes(part.body, false), charset);
  return part.body;
}

function leafParts(part: Part): Part[] {
  const type = part.headers.get("content-type") ?? "text/plain";
  const boundary = parameter(type, "boundary");
  if (!type.toLowerCase().startsWith("multipart/") || boundary === null) return [part];
  const sections = part.body.split(`--${boundary}`).slice(1);
  return sections
    .filter((section) => !section.startsWith("--"))
    .flatMap((section) => leafParts(splitPart(section.replace(/^\n/, ""))));
}

export function parseMimeMessage(raw: string): MimeMessage {
  const root = splitPart(raw);
  const leaves = leafParts(root);
  const find = (type: string) => {
    const part = leaves.find((leaf) =>
      (leaf.headers.get("content-type") ?? "text/plain").toLowerCase().startsWith(type),
    );
    return part ? decodeBody(part).replace(/\n$/, "") : null;
  };
  const headers = new Map<string, string>();
  for (const [name, value] of root.headers) headers.set(name, decodeHeader(value));
  return { headers, text: find("text/plain"), html: find("text/html") };
}

/** The links of a mail, in order and without repeats: from the text part, or the HTML part's `href`s. */
export function linksOf(message: MimeMessage): string[] {
  const fromText = message.text?.match(/https?:\/\/[^\s<>"')]+/g) ?? [];
  const fromHtml = [...(message.html ?? "").matchAll(/href="(https?:\/\/[^"]+)"/g)].map((match) =>
    (match[1] ?? "").replace(/&amp;/g, "&"),
  );
  return [...new Set(fromText.length > 0 ? fromText : fromHtml)];
}
