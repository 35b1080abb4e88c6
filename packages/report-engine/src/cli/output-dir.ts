import fs from 'node:fs';
import path from 'node:path';

/**
 * Files are written into a hidden directory next to the output directory and moved into place only
 * when all of them are written: a failed run leaves no partial output behind.
 */
export class OutputDir {
  private readonly staging: string;

  private constructor(private readonly target: string) {
    this.staging = path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}`);
  }

  /** Refuses a target that exists with files in it (a previous run's output is never mixed or overwritten). */
  static open(target: string): OutputDir {
    const dir = path.resolve(target);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      throw new Error(`The output directory ${target} exists and is not empty: choose a new one`);
    }
    const out = new OutputDir(dir);
    const parent = path.dirname(dir);
    try {
      // Only a missing parent is created recursively: Node's recursive mkdir never returns under /proc.
      if (!fs.existsSync(parent)) fs.mkdirSync(parent, { recursive: true });
      fs.mkdirSync(out.staging);
    } catch (error) {
      throw new Error(`Cannot write the output directory ${target}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    return out;
  }

  write(name: string, content: string | Buffer): void {
    fs.writeFileSync(path.join(this.staging, name), content);
  }

  commit(): void {
    if (fs.existsSync(this.target)) fs.rmdirSync(this.target);
    fs.renameSync(this.staging, this.target);
  }

  discard(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }

  /** Discards the staged files if the process is interrupted (Ctrl-C, kill) before `commit`; answers the undo. */
  discardOnSignal(): () => void {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const handler = (signal: NodeJS.Signals) => {
      this.discard();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    };
    for (const signal of signals) process.once(signal, handler);
    return () => signals.forEach((signal) => process.removeListener(signal, handler));
  }
}
