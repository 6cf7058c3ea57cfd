// Where a per-client (or per-end) component keeps its numbers: in columns
// of its own, or side by side with other components' in one record per
// client, so that what one event reads of a client sits in one or two cache
// lines instead of one per array (at a million clients, the misses are the
// cost). Field f of item k is rec[k * stride + offset + f].
export interface Columns {
  readonly rec: Float64Array;
  readonly stride: number;
  readonly offset: number;
}

/** count items of `fields` numbers each, in a record of their own */
export function ownColumns(count: number, fields: number): Columns {
  return { rec: new Float64Array(count * fields), stride: fields, offset: 0 };
}
