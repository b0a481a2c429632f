// Small statistics for the benchmark: every figure is given with its spread over repeats.
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const range = (xs) => [Math.min(...xs), Math.max(...xs)];
export const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
export const times = (x) => `${x.toFixed(2)}×`;
/** "2.31× (2.20–2.44)": the median of repeated ratios and their range. */
export const spread = (xs, format = times) => `${format(median(xs))} (${format(range(xs)[0]).replace('×', '')}–${format(range(xs)[1])})`;
export const verdict = (value, limit) => (value <= limit ? `✅ ≤ ${limit}×` : `❌ over ${limit}×`);

/** Milliseconds `fn` takes, median of `runs` after `warm` unmeasured runs. */
export const timeOf = async (fn, runs, warm = Math.ceil(runs / 5)) => {
  for (let i = 0; i < warm; i++) await fn(i);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(warm + i);
    samples.push(performance.now() - start);
  }
  return median(samples);
};
