// The peak resident memory of what runs until `stop()`, sampled every 5 ms, as the bench's fresh processes report it (MB).
export const trackPeak = () => {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      return { before: Math.round(before / 1e6), peak: Math.round(Math.max(peak, process.memoryUsage().rss) / 1e6) };
    },
  };
};
