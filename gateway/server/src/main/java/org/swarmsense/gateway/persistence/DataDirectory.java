package org.swarmsense.gateway.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The data directory of one {@code serve}: {@code journal/} (the embedded H2 journal database),
 * {@code broker/} (the embedded broker's persistent store) and {@code serve.lock}, an exclusive OS
 * file lock held while open, so a second {@code serve} on the same directory stops with an error
 * naming it instead of sharing (and corrupting) the files. The OS drops the lock when the process
 * dies, even by SIGKILL. Checked on open: a directory, writable (and its journal files), enough free
 * space.
 */
public final class DataDirectory implements AutoCloseable {
  /** The lock file's name. */
  public static final String LOCK_FILE = "serve.lock";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates (if needed), checks and locks a data directory.
   *
   * @param minFreeBytes the least usable space it must have
   * @throws DataDirectoryException naming the path when it cannot be used
   */
  public static DataDirectory open(Path given, long minFreeBytes) {
    Path dir = given.toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new DataDirectoryException(dir, "data directory " + dir + " is not a directory");
    }
    try {
      Files.createDirectories(dir);
      Files.createDirectories(dir.resolve("journal"));
      Files.createDirectories(dir.resolve("broker"));
    } catch (IOException e) {
      throw new DataDirectoryException(dir, "cannot create the data directory " + dir + ": " + e, e);
    }
    for (Path d : java.util.List.of(dir, dir.resolve("journal"), dir.resolve("broker"))) {
      if (!Files.isWritable(d)) {
        throw new DataDirectoryException(d, "data directory " + d + " is not writable by this process (user "
            + System.getProperty("user.name") + "); nothing was changed");
      }
    }
    // a journal file that cannot be written would be opened read-only, and every change refused later
    try (var files = Files.list(dir.resolve("journal"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f) && !Files.isWritable(f)) {
          throw new DataDirectoryException(f, "the journal file " + f + " is not writable by this process (user "
              + System.getProperty("user.name") + "); nothing was changed");
        }
      }
    } catch (IOException e) {
      throw new DataDirectoryException(dir, "cannot read the journal folder of " + dir + ": " + e, e);
    }
    long free;
    try {
      free = Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      throw new DataDirectoryException(dir, "cannot read the free space of " + dir + ": " + e, e);
    }
    if (free < minFreeBytes) {
      throw new DataDirectoryException(dir, String.format(Locale.ROOT,
          "data directory %s has %.1f MiB free; serve needs at least %.1f MiB"
              + " (swarmsense.gateway.persistence.min-free-space); nothing was written",
          dir, free / 1048576.0, minFreeBytes / 1048576.0));
    }
    Path lockFile = dir.resolve(LOCK_FILE);
    FileChannel ch;
    try {
      ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new DataDirectoryException(lockFile, "cannot open the lock " + lockFile + ": " + e, e);
    }
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(ch);
      throw new DataDirectoryException(lockFile, "cannot lock " + lockFile + ": " + e, e);
    }
    if (lock == null) {
      String holder = holder(ch);
      closeQuietly(ch);
      throw new DataDirectoryException(lockFile, "data directory " + dir + " is in use by another serve"
          + holder + " (lock " + lockFile + "); stop it or give another --data-dir");
    }
    try {
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(false);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new DataDirectoryException(lockFile, "cannot write the lock " + lockFile + ": " + e, e);
    }
    return new DataDirectory(dir, ch, lock);
  }

  private static String holder(FileChannel ch) {
    try {
      ByteBuffer b = ByteBuffer.allocate(32);
      int n = ch.read(b, 0);
      String pid = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
      return pid.matches("\\d{1,10}") ? " (pid " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // nothing held
    }
  }

  /** The directory (absolute). */
  public Path path() {
    return dir;
  }

  /** The embedded journal database's base name (H2 adds {@code .mv.db}). */
  public Path journalBase() {
    return dir.resolve("journal").resolve("swarmsense");
  }

  /**
   * The JDBC URL of the embedded journal: H2 writes each commit to the file before the commit
   * returns ({@code WRITE_DELAY=0}), so an acknowledged change survives a SIGKILL.
   */
  public String h2Url() {
    return "jdbc:h2:file:" + journalBase() + ";WRITE_DELAY=0";
  }

  /** The embedded broker's persistent folder. */
  public Path brokerDir() {
    return dir.resolve("broker");
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      lockChannel.close();
    } catch (IOException ignored) {
      // the OS drops the lock with the process anyway
    }
  }
}
