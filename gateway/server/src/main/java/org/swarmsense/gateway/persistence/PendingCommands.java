package org.swarmsense.gateway.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet's commands that were accepted and not yet answered by their device (persistence id
 * {@code fleet-commands|<fleet>}). A command is {@link Accepted} before it is sent and {@link Answered}
 * when its device answers (done, whether it accepted or refused it); one still pending at a restart is
 * sent again with the same id. One its device never answered, over the retry timer's copies, is
 * {@link Expired} (given up, with the reason). Answered ones are dropped from the state (their events
 * stay until a snapshot covers them); the newest {@link #EXPIRED_KEPT} expired ones stay readable.
 *
 * @param pending by command id, in acceptance order
 * @param accepted commands ever accepted
 * @param answered commands ever answered
 * @param expired the newest expired commands, oldest first (at most {@link #EXPIRED_KEPT}; null reads
 *     as none: snapshots written before expiry existed)
 * @param expiredTotal commands ever expired
 */
public record PendingCommands(Map<String, PendingCommand> pending, long accepted, long answered,
    List<ExpiredCommand> expired, long expiredTotal)
    implements EntityState<PendingCommands, PendingCommands.Event> {
  /** Expired commands kept readable per fleet (the newest). */
  public static final int EXPIRED_KEPT = 100;

  /** Nothing accepted yet. */
  public static final PendingCommands EMPTY = new PendingCommands(Map.of(), 0, 0, List.of(), 0);

  /** The kind: key is the fleet. */
  public static final EntityKind<PendingCommands, Event> KIND = new EntityKind<>("fleet-commands", EMPTY);

  /** Validates and copies (keeping the order). */
  public PendingCommands {
    expired = expired == null ? List.of() : List.copyOf(expired);
    if (pending == null || accepted < 0 || answered < 0 || expiredTotal < 0 || answered + expiredTotal > accepted
        || expired.size() > Math.min(EXPIRED_KEPT, expiredTotal)) {
      throw new IllegalArgumentException("pending commands: inconsistent (accepted " + accepted + ", answered "
          + answered + ", expired " + expiredTotal + ")");
    }
    pending = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pending));
  }

  @Override
  public PendingCommands apply(Event event) {
    Map<String, PendingCommand> next = new LinkedHashMap<>(pending);
    if (event instanceof Accepted a) {
      if (next.putIfAbsent(a.command().id(), a.command()) != null) {
        return this; // the same id twice is one command
      }
      return new PendingCommands(next, accepted + 1, answered, expired, expiredTotal);
    }
    if (event instanceof Expired x) {
      PendingCommand gone = next.remove(x.id());
      if (gone == null) {
        return this; // answered (or expired) before: nothing to give up
      }
      List<ExpiredCommand> kept = new java.util.ArrayList<>(expired);
      kept.add(new ExpiredCommand(gone, x.reason(), x.atMs()));
      return new PendingCommands(next, accepted, answered,
          kept.subList(Math.max(0, kept.size() - EXPIRED_KEPT), kept.size()), expiredTotal + 1);
    }
    Answered d = (Answered) event;
    if (next.remove(d.id()) == null) {
      return this; // answered twice (a re-sent copy), or after it expired: counted once
    }
    return new PendingCommands(next, accepted, answered + 1, expired, expiredTotal);
  }

  @Override
  public boolean deleteEventsOnSnapshot() {
    return true;
  }

  /** The pending commands, oldest first. */
  public List<PendingCommand> list() {
    return List.copyOf(pending.values());
  }

  /** What happens to a fleet's commands. */
  public sealed interface Event extends org.swarmsense.agents.cluster.CborSerializable permits Accepted, Answered, Expired {}

  /** A command was accepted: written before it is sent. */
  public record Accepted(PendingCommand command) implements Event {
    /** Validates the field. */
    public Accepted {
      if (command == null) {
        throw new IllegalArgumentException("accepted: command must not be null");
      }
    }
  }

  /**
   * The device answered a command.
   *
   * @param id the command's id
   * @param ok whether the device accepted it
   * @param reason the device's reason when it refused (may be empty)
   * @param atMs when (epoch ms)
   */
  public record Answered(String id, boolean ok, String reason, long atMs) implements Event {
    /** Validates the fields. */
    public Answered {
      if (id == null || !id.matches("[0-9a-f]{32}")) {
        throw new IllegalArgumentException("answered: command id must be 32 lower-case hex digits, was " + id);
      }
      reason = reason == null ? "" : reason.length() > 500 ? reason.substring(0, 500) : reason;
    }
  }

  /**
   * A command was given up: its device never answered the retry timer's copies.
   *
   * @param id the command's id
   * @param reason why (copies sent, the last missing answer's reason), 1-500 characters
   * @param atMs when (epoch ms)
   */
  public record Expired(String id, String reason, long atMs) implements Event {
    /** Validates the fields. */
    public Expired {
      if (id == null || !id.matches("[0-9a-f]{32}")) {
        throw new IllegalArgumentException("expired: command id must be 32 lower-case hex digits, was " + id);
      }
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("expired: a reason is required");
      }
      reason = reason.length() > 500 ? reason.substring(0, 500) : reason;
    }
  }

  /**
   * A command given up on.
   *
   * @param command the command as accepted
   * @param reason why it was given up
   * @param expiredAtMs when (epoch ms)
   */
  public record ExpiredCommand(PendingCommand command, String reason, long expiredAtMs)
      implements org.swarmsense.agents.cluster.CborSerializable {
    /** Validates the fields. */
    public ExpiredCommand {
      if (command == null || reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("expired command: command and reason are required");
      }
    }
  }
}
