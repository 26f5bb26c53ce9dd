package org.swarmsense.gateway.trace;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads a trace file ({@link TraceLines}) one line at a time, plain or gzip (recognised by its magic
 * bytes, whatever the name). The header is read when the file is opened. A line cut off by the end
 * of a truncated gzip stream is never returned: reading stops with a {@link TraceFormatException}
 * naming the file and that line, after every complete line before it. A final line without a
 * newline in a plain file is accepted when it parses. Not thread-safe.
 */
public final class TraceReader implements TraceSource {
  private final String name;
  private final long fileBytes;
  private final CountingStream counted;
  private final InputStream in;
  private final TraceHeader header;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int limit;
  private IOException broken;
  private long line;
  private boolean ended;

  private TraceReader(Path file) {
    this.name = file.toString();
    try {
      this.fileBytes = Files.size(file);
      this.counted = new CountingStream(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("trace file " + name + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open trace file " + name + ": " + e.getMessage(), e);
    }
    try {
      BufferedInputStream b = new BufferedInputStream(counted, 1 << 16);
      b.mark(2);
      int m1 = b.read();
      int m2 = b.read();
      b.reset();
      this.in = m1 == 0x1f && m2 == 0x8b ? new GZIPInputStream(b, 1 << 16) : b;
    } catch (IOException e) {
      closeQuietly();
      throw new TraceFormatException(name, 1, "cannot read gzip header: " + e.getMessage(), e);
    }
    String first = readLine();
    if (first == null) {
      closeQuietly();
      throw new TraceFormatException(name, 1, "header missing: the file is empty", null);
    }
    try {
      this.header = TraceLines.parseHeader(first);
    } catch (IllegalArgumentException e) {
      closeQuietly();
      throw new TraceFormatException(name, 1, e.getMessage(), e);
    }
  }

  /** Opens a trace and reads its header; errors name the file (and line 1). */
  public static TraceReader open(Path file) {
    return new TraceReader(file);
  }

  @Override
  public TraceHeader header() {
    return header;
  }

  @Override
  public TraceMessage next() {
    while (true) {
      String l = readLine();
      if (l == null) {
        return null;
      }
      if (l.isBlank()) {
        continue; // tolerated, e.g. a trailing empty line
      }
      try {
        return TraceLines.parseMessage(l);
      } catch (IllegalArgumentException e) {
        ended = true;
        throw new TraceFormatException(name, line, e.getMessage(), e);
      }
    }
  }

  /** The number of the last line read (1 is the header). */
  public long line() {
    return line;
  }

  @Override
  public String position() {
    return String.format(Locale.ROOT, "line %d, %.0f %% of %s", line,
        fileBytes == 0 ? 100.0 : 100.0 * counted.count / fileBytes, name);
  }

  @Override
  public void close() {
    closeQuietly();
  }

  /** The next line without its newline, null at a clean end; a cut-off line throws. */
  private String readLine() {
    if (ended) {
      return null;
    }
    buf.reset();
    line++;
    while (true) {
      if (pos == limit) {
        int n;
        try {
          n = in.read(chunk);
        } catch (IOException e) {
          broken = e;
          n = -1;
        }
        if (n < 0) {
          ended = true;
          if (broken != null) {
            throw new TraceFormatException(name, line, (buf.size() == 0 ? "" : "line cut off: ")
                + "truncated or corrupt gzip stream (" + broken.getMessage() + ")", broken);
          }
          if (buf.size() == 0) {
            line--;
            return null;
          }
          return buf.toString(StandardCharsets.UTF_8);
        }
        pos = 0;
        limit = n;
      }
      int start = pos;
      while (pos < limit && chunk[pos] != '\n') {
        pos++;
      }
      buf.write(chunk, start, pos - start);
      if (pos < limit) {
        pos++; // the newline
        return buf.toString(StandardCharsets.UTF_8);
      }
    }
  }

  private void closeQuietly() {
    ended = true;
    try {
      counted.close();
    } catch (IOException e) {
      // nothing left to do with a file we only read
    }
  }

  /** Counts the compressed bytes read, for the position in the file. */
  private static final class CountingStream extends FilterInputStream {
    volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count++;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
