package org.swarmsense.gateway.tenancy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.swarmsense.gateway.files.AtomicWrite;

/**
 * The fleets and their broker accounts. Stored as a text file, one account a line: {@code <username>
 * <fleet or *> <$7$ password hash>}; blank lines and lines starting with {@code #} are ignored. The
 * broker configuration of both broker kinds is generated from it. Immutable and thread-safe.
 */
public final class FleetRegistry {
  private final Map<String, Account> accounts;
  private final Set<String> fleets;

  private FleetRegistry(Map<String, Account> accounts) {
    this.accounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accounts)); // keeps file order
    Set<String> f = new TreeSet<>();
    for (Account a : accounts.values()) {
      if (!a.allFleets()) {
        f.add(a.fleet());
      }
    }
    this.fleets = Set.copyOf(f);
  }

  /** A registry of these accounts; user names must be unique. */
  public static FleetRegistry of(List<Account> accounts) {
    Map<String, Account> m = new LinkedHashMap<>();
    for (Account a : accounts) {
      if (m.putIfAbsent(a.username(), a) != null) {
        throw new IllegalArgumentException("username '" + a.username() + "' appears twice");
      }
    }
    return new FleetRegistry(m);
  }

  /** Reads a registry file; errors name the file, the line and the value. */
  public static FleetRegistry load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fleet registry " + file + ": " + e.getMessage(), e);
    }
    List<Account> accounts = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      String[] f = line.split("\\s+");
      if (f.length != 3) {
        throw new IllegalArgumentException(
            where + "expected '<username> <fleet or *> <$7$hash>', got " + f.length + " fields");
      }
      try {
        Account a = new Account(f[0], f[1], PasswordHash.parse(f[2]));
        if (!seen.add(a.username())) {
          throw new IllegalArgumentException("username '" + a.username() + "' appears twice");
        }
        accounts.add(a);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
    }
    return of(accounts);
  }

  /** Writes the registry file (hashes only, never passwords), whole or not at all ({@link AtomicWrite}). */
  public void save(Path file) {
    StringBuilder sb = new StringBuilder("# swarmsense fleet registry: <username> <fleet or *> <$7$hash>\n");
    for (Account a : accounts.values()) {
      sb.append(a.username()).append(' ').append(a.fleet()).append(' ')
          .append(a.password().encoded()).append('\n');
    }
    try {
      AtomicWrite.replace(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write fleet registry " + file, e);
    }
  }

  /** The account with this user name and password, if both match. */
  public Optional<Account> authenticate(String username, String password) {
    Account a = username == null ? null : accounts.get(username);
    return a != null && a.password().matches(password) ? Optional.of(a) : Optional.empty();
  }

  /** Whether a fleet has at least one account. */
  public boolean isKnownFleet(String fleet) {
    return fleets.contains(fleet);
  }

  /** The registered fleets, sorted. */
  public Set<String> fleets() {
    return fleets;
  }

  /** Every account, in registration order. */
  public List<Account> accounts() {
    return List.copyOf(accounts.values());
  }

  /** Whether an account may publish or subscribe on {@code topic} (no wildcards in {@code topic}). */
  public static boolean mayAccess(Account account, String topic) {
    if (account.allFleets()) {
      return topic.equals("swarmsense") || topic.startsWith("swarmsense/");
    }
    String prefix = "swarmsense/" + account.fleet();
    return topic.equals(prefix) || topic.startsWith(prefix + "/");
  }
}
