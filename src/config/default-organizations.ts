/**
 * Organizations whose hooks are managed when neither `eventSource.organizations` nor
 * `eventSource.repositories` is set. A module of its own because both the settings definition
 * (the README's Default column) and the resolver read it, and the resolver must not load the
 * definition (TypeBox) at run time.
 */
export const DEFAULT_ORGANIZATIONS: readonly string[] = ['5dlabs'];
