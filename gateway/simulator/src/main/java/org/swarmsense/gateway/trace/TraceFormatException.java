package org.swarmsense.gateway.trace;

/**
 * A trace file that cannot be read on: a missing or unknown header, a malformed line, a truncated
 * or corrupt gzip stream. The message names the file and the 1-based line number. Immutable.
 */
public final class TraceFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;

  /** A problem at {@code line} (1-based) of {@code file}. */
  public TraceFormatException(String file, long line, String problem, Throwable cause) {
    super(file + ": line " + line + ": " + problem, cause);
    this.file = file;
    this.line = line;
  }

  /** The file, as given. */
  public String file() {
    return file;
  }

  /** The 1-based line number where reading stopped. */
  public long line() {
    return line;
  }
}
