/** Recharts bar chart; loaded in the browser only (see chart.tsx). */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BarChartProps } from "./types";

export default function BarChartClient({ data, xKey, series, height, layout = "horizontal", unit, max }: BarChartProps) {
  const vertical = layout === "vertical";
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout={layout} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: vertical ? 8 : 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        {vertical ? (
          <>
            <XAxis type="number" unit={unit} domain={[0, max ?? "auto"]} />
            <YAxis type="category" dataKey={xKey} width={150} interval={0} tick={{ fontSize: 12 }} />
          </>
        ) : (
          <>
            <XAxis dataKey={xKey} interval={0} tick={{ fontSize: 12 }} />
            <YAxis unit={unit} domain={[0, max ?? "auto"]} />
          </>
        )}
        <Tooltip />
        {series.length > 1 ? <Legend /> : null}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={s.stack} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
