/** Human progress output for `npm start`: one line per step with its duration. */
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
export const bold = (text: string) => paint(1, text);
export const dim = (text: string) => paint(2, text);
export const green = (text: string) => paint(32, text);
export const red = (text: string) => paint(31, text);

export async function step<T>(
  index: number,
  total: number,
  title: string,
  work: () => Promise<T>,
  detail?: (result: T) => string,
) {
  const label = `[${index}/${total}] ${title}`;
  const started = performance.now();
  process.stdout.write(`${label} …\n`);
  const result = await work();
  const ms = Math.round(performance.now() - started);
  const extra = detail ? ` ${dim(detail(result))}` : '';
  process.stdout.write(`${label} ${green('done')} ${dim(`(${ms} ms)`)}${extra}\n`);
  return result;
}
