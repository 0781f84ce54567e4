import type { AuthorizationRows } from "../authorization/authorization-matrix.js";
import { administratorsRead } from "../users/users.authorization.js";

/** The group catalogue is for administrators, who assign groups. */
export const authorizationRows: AuthorizationRows = {
  "Query.groups": {
    document: "query { groups { id name description isAdmin isApprover } }",
    expect: administratorsRead,
  },
};
