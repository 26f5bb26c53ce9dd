package org.swarmsense.gateway.trace;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a trace file ({@link TraceLines}): the header at once, then one line per message; gzip when
 * the file name ends in {@code .gz}. {@link #flush()} makes everything written so far readable
 * (a gzip sync flush), so a crash loses at most what came after the last flush; {@link #close()}
 * finishes the file. Thread-safe (every method synchronizes on the writer).
 */
public final class TraceWriter implements AutoCloseable {
  private final Path file;
  private final OutputStream out;
  private long messages;
  private long bytes;
  private boolean closed;

  private TraceWriter(Path file, TraceHeader header) throws IOException {
    this.file = file;
    OutputStream raw = Files.newOutputStream(file);
    this.out = file.getFileName().toString().endsWith(".gz")
        ? new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16, true), 1 << 16)
        : new BufferedOutputStream(raw, 1 << 16);
    writeLine(TraceLines.headerLine(header));
    out.flush();
  }

  /** Creates (or replaces) {@code file} and writes the header. */
  public static TraceWriter create(Path file, TraceHeader header) {
    if (file == null || header == null) {
      throw new IllegalArgumentException("file and header must not be null");
    }
    try {
      return new TraceWriter(file, header);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trace file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends one message; fails once the writer is closed. */
  public synchronized void write(TraceMessage m) {
    if (closed) {
      throw new IllegalStateException("trace writer for " + file + " is closed");
    }
    try {
      writeLine(TraceLines.messageLine(m));
      messages++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trace file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Pushes everything written so far to the file (readable even if the process dies later). */
  public synchronized void flush() {
    if (closed) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trace file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Messages written so far. */
  public synchronized long messages() {
    return messages;
  }

  /** Uncompressed bytes written so far, header included. */
  public synchronized long bytes() {
    return bytes;
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  /** Finishes the file (gzip trailer); later calls do nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish trace file " + file + ": " + e.getMessage(), e);
    }
  }

  private void writeLine(String l) throws IOException {
    byte[] b = l.getBytes(StandardCharsets.UTF_8);
    out.write(b);
    out.write('\n');
    bytes += b.length + 1;
  }
}
