/**
 * What the account services need to know about applications, which arrive with a later issue: deleting a user
 * who is the last owner of an application would orphan it, so it is refused with LAST_OWNER.
 *
 * The applications issue replaces {@link noApplicationOwnership} with a database-backed implementation when it
 * composes the services (`createAccountServices(deps, { applicationOwnership })`).
 */
export interface ApplicationOwnership {
  isLastOwnerOfAnyApplication(userId: string): Promise<boolean>;
}

/** The default until applications exist: nobody owns an application. */
export const noApplicationOwnership: ApplicationOwnership = {
  isLastOwnerOfAnyApplication: () => Promise.resolve(false),
};
