export type Series = { key: string; label: string; color: string; stack?: string; dashed?: boolean };
export type Datum = Record<string, string | number | null>;
export type BarChartProps = { data: Datum[]; xKey: string; series: Series[]; height: number; layout?: "horizontal" | "vertical"; unit?: string; max?: number };
export type LineChartProps = { data: Datum[]; xKey: string; series: Series[]; height: number; unit?: string; max?: number };
