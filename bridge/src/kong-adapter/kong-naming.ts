/**
 * Names and tags of the adapter's Kong objects. Every name starts with the installation id, so two portals
 * sharing one Kong never collide; every object carries the fixed tag and the installation tag, and the adapter
 * reads and changes only objects with both.
 */
export const FIXED_TAG = "api-portal";

export class KongNaming {
  readonly tags: readonly string[];

  constructor(readonly installation: string) {
    this.tags = [FIXED_TAG, `${FIXED_TAG}:${installation}`];
  }

  /** The `?tags=` filter (AND of both tags). */
  get tagFilter(): string {
    return this.tags.join(",");
  }

  service(apiId: string): string {
    return `${this.installation}.${apiId}`;
  }

  route(apiId: string, index: number): string {
    return `${this.installation}.${apiId}.${index}`;
  }

  /** The ACL group of an API's consumers. */
  group(apiId: string): string {
    return `${this.installation}.${apiId}`;
  }

  servicePlugin(apiId: string, plugin: string): string {
    return `${this.installation}.${apiId}.${plugin}`;
  }

  consumer(applicationId: string, apiId: string): string {
    return `${this.installation}.${applicationId}.${apiId}`;
  }

  consumerPlugin(applicationId: string, apiId: string, plugin: string): string {
    return `${this.installation}.${applicationId}.${apiId}.${plugin}`;
  }

  /** Whether a Kong object's tags make it ours. */
  owns(tags: readonly string[] | null | undefined): boolean {
    return this.tags.every((tag) => tags?.includes(tag) ?? false);
  }
}
