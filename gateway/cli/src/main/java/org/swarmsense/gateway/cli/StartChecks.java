package org.swarmsense.gateway.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code serve} checks before it starts anything, so that an operator's mistake is one clear
 * line (exit 2) instead of a stack trace after the broker is already up: ports in use, unreadable
 * files, a fleets file without accounts. Stateless.
 */
final class StartChecks {
  private StartChecks() {}

  /** Throws unless {@code host:port} can be bound now (0: any free port, nothing to check). */
  static void requirePortFree(String option, String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + port + ": " + host + ":" + port
          + " is already in use (or not bindable: " + e.getMessage() + "); choose another port");
    }
  }

  /** Throws unless {@code file} is a readable regular file. */
  static void requireReadableFile(String option, Path file) {
    if (file != null && !(Files.isRegularFile(file) && Files.isReadable(file))) {
      throw new IllegalArgumentException(option + " " + file + ": not a readable file");
    }
  }
}
