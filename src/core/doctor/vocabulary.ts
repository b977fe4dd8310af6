/**
 * The connection doctor's vocabulary: the formats it reads and the findings it reports, as
 * ids. src/shared and src/i18n may import this file (and core/tcp/vocabulary) and no other
 * part of core. Types and id lists only.
 */

/** The formats the doctor reads; the CLI prints these names. */
export const DOCTOR_FORMATS = ['proc', 'ss', 'netstat-linux', 'netstat-macos', 'netstat-windows', 'powershell', 'counts'] as const;
export type DoctorFormat = (typeof DOCTOR_FORMATS)[number];

export const FINDING_IDS = ['close-wait-leak', 'time-wait-pileup', 'syn-recv-flood', 'fin-wait-2-stuck', 'ephemeral-ports'] as const;
export type FindingId = (typeof FINDING_IDS)[number];
