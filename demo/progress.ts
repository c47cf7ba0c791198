/** A progress bar for the demo set-up: one line redrawn in place on a TTY, a plain line every 10% otherwise. */
export function createProgressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stdout) {
  const started = performance.now();
  let lastDecile = -1;
  let lastDraw = 0;
  const render = (done: number, note: string) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (stream.isTTY) {
      const width = 28;
      const filled = Math.round(ratio * width);
      return `\r  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(ratio * 100)}% ${note} (${seconds} s)\u001b[K`;
    }
    return `  ${label} ${Math.floor(ratio * 100)}% ${note} (${seconds} s)\n`;
  };
  return {
    update(done: number, note = '') {
      if (stream.isTTY) {
        const now = performance.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        stream.write(render(done, note));
        return;
      }
      const decile = Math.floor((total === 0 ? 1 : done / total) * 10);
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(render(done, note));
    },
    finish(note = '') {
      stream.write(render(total, note) + (stream.isTTY ? '\n' : ''));
    },
  };
}
