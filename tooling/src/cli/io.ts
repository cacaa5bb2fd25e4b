/** Where commands write, so tests can capture output without spawning a process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Is stdout an interactive terminal (colours, progress bars)? */
  readonly isTTY: boolean;
  /** Is this a CI run (plain progress lines instead of bars)? */
  readonly isCI: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    isCI: Boolean(process.env.CI),
  };
}

/** Captures output in memory. */
export function memoryIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTTY: false,
    isCI: true,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}
