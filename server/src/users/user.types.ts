/** A portal account as services see it; never carries the password hash. */
export interface User {
  readonly id: string;
  /** Lower-case. */
  readonly email: string;
  readonly displayName: string;
  /** ISO-8601; null until the address is verified. */
  readonly emailVerifiedAt: string | null;
  /** Values of the profile fields defined in the static configuration, by field id. */
  readonly profile: Readonly<Record<string, string>>;
  /** ISO-8601; null while the account is enabled. */
  readonly disabledAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Filters of the administrators' user list. */
export interface UserListFilter {
  /** Case-insensitive substring of the e-mail address or the display name. */
  readonly search?: string | null;
  /** Only members of this group. */
  readonly group?: string | null;
  /** true: only disabled accounts; false: only enabled ones; absent: both. */
  readonly disabled?: boolean | null;
}

/** A profile field of the static configuration with one user's value. */
export interface ProfileFieldValue {
  readonly field: string;
  readonly label: string;
  readonly required: boolean;
  readonly maxLength: number;
  readonly value: string | null;
}
