package org.swarmsense.gateway.persistence;

import java.nio.file.Path;

/**
 * The data directory or the journal database cannot be used as it is: missing rights, too little
 * free space, held by another {@code serve}, or a database that does not open. The message names
 * the path; nothing in it was changed (no silent reset). An operator's input error: the command line
 * prints the one line and exits 2.
 */
public final class DataDirectoryException extends IllegalArgumentException {
  private final transient Path path;

  public DataDirectoryException(Path path, String message, Throwable cause) {
    super(message, cause);
    this.path = path;
  }

  public DataDirectoryException(Path path, String message) {
    this(path, message, null);
  }

  /** The path the message is about. */
  public Path path() {
    return path;
  }
}
