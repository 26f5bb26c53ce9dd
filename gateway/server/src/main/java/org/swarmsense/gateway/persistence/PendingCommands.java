package org.swarmsense.gateway.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet's commands that were accepted and not yet answered by their device (persistence id
 * {@code fleet-commands|<fleet>}). A command is {@link Accepted} before it is sent and {@link Answered}
 * when its device answers (done, whether it accepted or refused it); one still pending at a restart is
 * sent again with the same id. Answered ones are dropped from the state (their events stay until a
 * snapshot covers them).
 *
 * @param pending by command id, in acceptance order
 * @param accepted commands ever accepted
 * @param answered commands ever answered
 */
public record PendingCommands(Map<String, PendingCommand> pending, long accepted, long answered)
    implements EntityState<PendingCommands, PendingCommands.Event> {
  /** Nothing accepted yet. */
  public static final PendingCommands EMPTY = new PendingCommands(Map.of(), 0, 0);

  /** The kind: key is the fleet. */
  public static final EntityKind<PendingCommands, Event> KIND = new EntityKind<>("fleet-commands", EMPTY);

  /** Validates and copies (keeping the order). */
  public PendingCommands {
    if (pending == null || accepted < 0 || answered < 0 || answered > accepted) {
      throw new IllegalArgumentException("pending commands: inconsistent (accepted " + accepted + ", answered "
          + answered + ")");
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
      return new PendingCommands(next, accepted + 1, answered);
    }
    Answered d = (Answered) event;
    if (next.remove(d.id()) == null) {
      return this; // answered twice (a re-sent copy): counted once
    }
    return new PendingCommands(next, accepted, answered + 1);
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
  public sealed interface Event extends org.swarmsense.agents.cluster.CborSerializable permits Accepted, Answered {}

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
}
