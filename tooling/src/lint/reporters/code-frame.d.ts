// @babel/code-frame ships no types; this is the part of its API the pretty reporter uses.
declare module '@babel/code-frame' {
  export interface CodeFrameLocation {
    start: { line: number; column?: number };
    end?: { line: number; column?: number };
  }
  export function codeFrameColumns(
    rawLines: string,
    location: CodeFrameLocation,
    options?: { highlightCode?: boolean; forceColor?: boolean; linesAbove?: number; linesBelow?: number; startLine?: number; message?: string },
  ): string;
}
