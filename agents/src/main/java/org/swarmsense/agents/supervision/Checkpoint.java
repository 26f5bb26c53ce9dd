package org.swarmsense.agents.supervision;

import java.time.Duration;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The last immutable state of one actor, kept outside the part of the actor that supervision
 * restarts, so that a crashed actor comes back with the state it had after its last fully handled
 * message (the message that crashed it is lost). Each actor writes its state here after every
 * message it handles. Confined to its actor (the holder is created per actor and only that actor's
 * incarnations touch it), so not thread-safe and not meant to be.
 *
 * @param <T> the actor's immutable state type
 */
public final class Checkpoint<T> {
  /** Restarts allowed within {@link #RESTART_WINDOW} before the actor is stopped for good. */
  public static final int MAX_RESTARTS = 10;
  /** Window of {@link #MAX_RESTARTS}. */
  public static final Duration RESTART_WINDOW = Duration.ofMinutes(1);

  private T state;
  private int restarts = -1;

  private Checkpoint(T initial) {
    this.state = initial;
  }

  /** The state saved last. */
  public T get() {
    return state;
  }

  /** Saves {@code next} as the state to restart from. */
  public void set(T next) {
    if (next == null) {
      throw new IllegalArgumentException("checkpointed state must not be null");
    }
    state = next;
  }

  /** How many times the actor has been restarted so far. */
  public int restarts() {
    return restarts;
  }

  /**
   * A behavior that creates its actor with {@code factory(context, checkpoint)} and, when it throws,
   * restarts it (at most {@link #MAX_RESTARTS} times per {@link #RESTART_WINDOW}) from the same
   * checkpoint.
   */
  public static <C, T> Behavior<C> supervised(T initial, Class<? extends Throwable> failure,
      BiFunction<ActorContext<C>, Checkpoint<T>, Behavior<C>> factory) {
    return Behaviors.setup(outer -> {
      Checkpoint<T> box = new Checkpoint<>(initial);
      Behavior<C> inner = Behaviors.setup(ctx -> {
        box.restarts++;
        return factory.apply(ctx, box);
      });
      return Behaviors.supervise(inner)
          .onFailure(failure, SupervisorStrategy.restart().withLimit(MAX_RESTARTS, RESTART_WINDOW));
    });
  }
}
