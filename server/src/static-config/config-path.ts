/** A location inside a parsed file: object keys and array indexes. */
export type PathSegment = string | number;

const plainKey = /^[A-Za-z0-9_-]+$/;

/** Renders `["routes", 0, "paths", 1]` as `routes[0].paths[1]`; keys with unusual characters are quoted. */
export function formatPath(segments: readonly PathSegment[]): string {
  let text = "";
  for (const segment of segments) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (plainKey.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** Joins a display prefix (`apis.orders`) and a path inside the file (`routes[0]`). */
export function joinPath(prefix: string, inner: string): string {
  if (prefix === "") return inner;
  if (inner === "") return prefix;
  return inner.startsWith("[") ? `${prefix}${inner}` : `${prefix}.${inner}`;
}
