/**
 * Runs `work` while measuring the longest the event loop went without a turn: by the wall
 * clock, and by the CPU time the process used in that gap. On a machine shared with other
 * work the wall clock also counts the time the process waited for a core; the CPU time is
 * what the blocking work itself cost.
 */
export async function longestBlock(work: () => Promise<void>): Promise<{ wall: number; cpu: number; total: number }> {
  let wall = 0;
  let cpu = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let running = true;
  const tick = (): void => {
    const now = performance.now();
    const used = process.cpuUsage(lastCpu);
    wall = Math.max(wall, now - last);
    cpu = Math.max(cpu, (used.user + used.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const start = performance.now();
  await work();
  running = false;
  return { wall, cpu, total: performance.now() - start };
}
