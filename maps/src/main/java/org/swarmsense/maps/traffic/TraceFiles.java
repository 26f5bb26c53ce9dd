package org.swarmsense.maps.traffic;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening trace files, plain or gzip (detected by the magic bytes), with a compressed-byte counter. */
final class TraceFiles {

  private TraceFiles() {}

  /** An input stream that counts the bytes read from the file itself (before decompression). */
  static final class CountingStream extends FilterInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int r = super.read(buf, off, len);
      if (r > 0) {
        count += r;
      }
      return r;
    }
  }

  /** An opened trace: the decoded stream and the counter of raw bytes consumed. */
  record Opened(InputStream stream, CountingStream raw, boolean gzip) {}

  static Opened open(Path file) {
    try {
      CountingStream raw = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
      raw.mark(2);
      int b1 = raw.read();
      int b2 = raw.read();
      raw.reset();
      raw.count = 0;
      boolean gzip = b1 == 0x1f && b2 == 0x8b;
      InputStream decoded = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      return new Opened(new BufferedInputStream(decoded, 1 << 16), raw, gzip);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("trace file not found: " + file, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot open trace: " + e.getMessage(), e);
    }
  }
}
