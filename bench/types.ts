export interface BenchRow {
  readonly metric: string;
  readonly value: string;
  readonly target?: string;
  readonly ok?: boolean;
}
