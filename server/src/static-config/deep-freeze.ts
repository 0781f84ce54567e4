import type { DeepReadonly } from "./static-config.types.js";

/** Freezes a plain data tree (objects and arrays) in place and returns it typed as deeply readonly. */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child as unknown);
  }
  return value as DeepReadonly<T>;
}
