import type { NonEmptyArray } from "type-graphql";
import { SystemResolver } from "./system.resolver.js";

/** Every resolver class of the portal API. A noun's resolver is added here once. */
export const resolvers: NonEmptyArray<new () => object> = [SystemResolver];
