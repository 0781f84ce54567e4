import { Field, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { ErrorCode, errorCodeDescriptions } from "../errors/error-code.js";

registerEnumType(ErrorCode, {
  name: "ErrorCode",
  description: "Stable codes of domain errors, returned in `extensions.code` of every GraphQL error.",
  valuesConfig: Object.fromEntries(
    Object.values(ErrorCode).map((code) => [code, { description: errorCodeDescriptions[code] }]),
  ),
});

@ObjectType({ description: "An error code with its meaning, for clients that turn codes into messages." })
export class ErrorCodeInfo {
  @Field(() => ErrorCode, { description: "The code as it appears in `extensions.code`." })
  code: ErrorCode;

  @Field(() => String, { description: "What the code means." })
  description: string;
}

@Resolver()
export class SystemResolver {
  @Query(() => [ErrorCodeInfo], { description: "Every error code the API can return, with its meaning." })
  errorCodes(): ErrorCodeInfo[] {
    return Object.values(ErrorCode).map((code) => ({ code, description: errorCodeDescriptions[code] }));
  }
}
