/** Application ids are chosen by their creators, appear in URLs and gateway consumer names, and never change. */
export const APPLICATION_ID_MIN_LENGTH = 4;
export const APPLICATION_ID_MAX_LENGTH = 50;
export const APPLICATION_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** What is wrong with a proposed application id, or null when it is fine. */
export function applicationIdProblem(id: string): string | null {
  if (id.length < APPLICATION_ID_MIN_LENGTH || id.length > APPLICATION_ID_MAX_LENGTH) {
    return `must be ${APPLICATION_ID_MIN_LENGTH} to ${APPLICATION_ID_MAX_LENGTH} characters long`;
  }
  if (!APPLICATION_ID_PATTERN.test(id)) {
    return "must start with a lower-case letter or digit and contain only lower-case letters, digits, '_' and '-'";
  }
  return null;
}
