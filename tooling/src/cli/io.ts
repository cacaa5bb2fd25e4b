/** Where commands write, so tests can capture output without spawning a process. */
import pc, { createColors } from 'picocolors';

export type Colors = ReturnType<typeof createColors>;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Is stdout an interactive terminal (colours, progress bars)? */
  readonly isTTY: boolean;
  /** Is this a CI run (plain progress lines instead of bars)? */
  readonly isCI: boolean;
  /** Colours for what commands print: plain text unless a terminal shows it. */
  readonly colors: Colors;
}

/** Streams whose reader has gone (`atomkit lint | head`): what is left to print is dropped. */
const gone = new WeakSet<NodeJS.WriteStream>();

/**
 * Writes to a stream of the process. When the reader stops reading (a pipe into `head` that has its
 * lines), the command goes on to its end and exit code without printing more: no EPIPE stack trace.
 */
function writer(stream: NodeJS.WriteStream): (text: string) => void {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      gone.add(stream);
    });
  }
  return (text) => {
    if (!gone.has(stream)) stream.write(text);
  };
}

export function processIo(): CliIo {
  return {
    stdout: writer(process.stdout),
    stderr: writer(process.stderr),
    isTTY: Boolean(process.stdout.isTTY),
    isCI: Boolean(process.env.CI),
    // On a terminal picocolors' own checks apply (NO_COLOR, TERM=dumb). Anywhere else (CI logs,
    // pipes, files) output is plain unless FORCE_COLOR asks, since picocolors alone colours CI logs.
    colors: createColors(process.stdout.isTTY ? pc.isColorSupported : Boolean(process.env.FORCE_COLOR) && process.env.FORCE_COLOR !== '0'),
  };
}

/** Captures output in memory. */
export function memoryIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTTY: false,
    isCI: true,
    colors: createColors(false),
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}

/**
 * Prints a warning on stderr, labelled once: the index build and the retriever label theirs
 * ("warning: searching lexically only: …") for the commands that print them as they come.
 *
 * @example warnLine(io, 'warning: searching lexically only: …') // stderr: "warning searching lexically only: …"
 */
export function warnLine(io: CliIo, line: string): void {
  io.stderr(`${io.colors.yellow('warning')} ${line.replace(/^warning:\s*/, '')}\n`);
}
