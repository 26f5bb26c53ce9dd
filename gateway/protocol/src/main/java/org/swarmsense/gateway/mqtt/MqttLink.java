package org.swarmsense.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 connection that stays up: it owns connect, reconnect, resubscribe and the QoS 1 outbox.
 * Paho's automatic reconnect is off (it has known deadlocks, eclipse-paho/paho.mqtt.java #999 and
 * #763); instead every connection uses a fresh Paho client, and after a loss this class waits
 * {@link ReconnectBackoff} (capped exponential, jittered) and tries again until it is closed.
 *
 * <p>Publishing never blocks. QoS 1 messages wait in an outbox while disconnected and at most {@code
 * max-inflight} are unacknowledged at a time; messages whose acknowledgement was lost with the
 * connection are sent again (at least once). QoS 0 messages are dropped (and counted) while
 * disconnected. Subscriptions are kept here and renewed on every connection; they are made with
 * no-local, so the link never receives what it published itself. Handlers run on Paho's callback
 * thread: they must be quick and must not block; an exception in a handler is logged and swallowed.
 *
 * <p>Thread-safe.
 */
public final class MqttLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttLink.class);

  /** Receives messages of one subscription. Called on Paho's callback thread; must not block. */
  @FunctionalInterface
  public interface MessageHandler {
    void onMessage(String topic, MqttMessage message);
  }

  /**
   * Counters of one link; a snapshot. {@code stalledAttempts} counts the attempts given up because
   * neither CONNACK nor an error came within the connect timeout (they count in {@code failedAttempts}
   * too).
   */
  public record Stats(
      long connects,
      long connectionLosses,
      long failedAttempts,
      long stalledAttempts,
      long published,
      long qos0Dropped,
      long received,
      int queued,
      int inflight,
      Duration lastOutage) {}

  private record Subscription(String filter, int qos, MessageHandler handler, boolean retainAsPublished) {}

  private static final class Pending {
    final String topic;
    final MqttMessage message;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Pending(String topic, MqttMessage message) {
      this.topic = topic;
      this.message = message;
    }
  }

  private final MqttLinkSettings settings;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final Deque<Pending> outbox = new ConcurrentLinkedDeque<>();
  private final Set<Pending> inflight = new LinkedHashSet<>();
  private final Object lock = new Object();
  private final CopyOnWriteArrayList<CompletableFuture<Void>> connectWaiters =
      new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Runnable> readyListeners = new CopyOnWriteArrayList<>();

  private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile MqttAsyncClient client;
  private volatile boolean connected;
  private volatile boolean subscribed;
  private volatile boolean closed;
  private int attempt;
  private long lostAtNanos = -1;
  private int inflightLimit;

  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong losses = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong stalledAttempts = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong qos0Dropped = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private volatile Duration lastOutage = Duration.ZERO;

  private MqttLink(MqttLinkSettings settings, ScheduledExecutorService scheduler, boolean own) {
    this.settings = settings;
    this.scheduler = scheduler;
    this.ownScheduler = own;
    this.inflightLimit = settings.maxInflight();
  }

  /**
   * Starts the link: the first connection attempt runs at once and failed ones are retried with
   * backoff. Use {@link #awaitConnected(Duration)} to wait for the first connection.
   */
  public static MqttLink start(MqttLinkSettings settings) {
    return create(settings).connect();
  }

  /**
   * A link that has not connected yet: add subscriptions, then {@link #connect()}. With a persistent
   * session the broker delivers queued messages right after connecting, so subscribing first makes
   * sure a handler is there for them.
   */
  public static MqttLink create(MqttLinkSettings settings) {
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mqtt-link-" + settings.clientId());
              t.setDaemon(true);
              return t;
            });
    return new MqttLink(settings, s, true);
  }

  /** Starts the link on a scheduler shared by many links (the simulator); it is not shut down here. */
  public static MqttLink start(MqttLinkSettings settings, ScheduledExecutorService shared) {
    return create(settings, shared).connect();
  }

  /** {@link #create(MqttLinkSettings)} on a shared scheduler, which is not shut down here. */
  public static MqttLink create(MqttLinkSettings settings, ScheduledExecutorService shared) {
    return new MqttLink(settings, shared, false);
  }

  /** Starts connecting (once; later calls do nothing) and returns this link. */
  public MqttLink connect() {
    if (started.compareAndSet(false, true)) {
      later(this::connectAttempt);
    }
    return this;
  }

  /**
   * Waits until connected with every subscription granted again (true) or the timeout passes
   * (false).
   */
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    CompletableFuture<Void> f = new CompletableFuture<>();
    connectWaiters.add(f);
    if (connected && subscribed) {
      f.complete(null);
    }
    try {
      f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return false;
    } finally {
      connectWaiters.remove(f);
    }
  }

  /**
   * Runs {@code listener} (on the link's scheduler) every time the link is connected with its
   * subscriptions granted, e.g. to publish a retained "online" status after the last will fired.
   * Runs it at once if the link is ready now.
   */
  public void onReady(Runnable listener) {
    readyListeners.add(listener);
    if (connected && subscribed) {
      later(listener);
    }
  }

  /** Whether the link is connected right now. */
  public boolean isConnected() {
    return connected;
  }

  /** The settings this link runs with. */
  public MqttLinkSettings settings() {
    return settings;
  }

  /**
   * Subscribes now if connected and again on every connection. The future completes when the broker
   * granted the subscription (or at once when disconnected; it is made on connect).
   */
  public CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler) {
    return subscribe(filter, qos, handler, false);
  }

  /**
   * {@link #subscribe(String, int, MessageHandler)} with MQTT 5 retain-as-published: live messages
   * keep the retained flag their publisher set (a trace recorder needs it to replay them the same).
   */
  public CompletableFuture<Void> subscribe(
      String filter, int qos, MessageHandler handler, boolean retainAsPublished) {
    if (filter == null || filter.isEmpty()) {
      throw new IllegalArgumentException("filter must not be empty");
    }
    if (qos < 0 || qos > 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
    if (handler == null) {
      throw new IllegalArgumentException("handler must not be null");
    }
    Subscription s = new Subscription(filter, qos, handler, retainAsPublished);
    subscriptions.add(s);
    CompletableFuture<Void> f = new CompletableFuture<>();
    MqttAsyncClient c = client;
    if (!connected || c == null) {
      f.complete(null);
      return f;
    }
    try {
      c.subscribe(new MqttSubscription[] {subscription(s)}, null, granted(f, List.of(s)),
          new MqttProperties());
    } catch (MqttException e) {
      f.complete(null); // renewed on the next connection
    }
    return f;
  }

  /** Publishes a message; see the class comment for what happens while disconnected. */
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    return publish(topic, payload, qos, retained, null);
  }

  /**
   * Publishes a message with MQTT 5 properties (response topic, correlation data, ...). The future
   * completes when the broker acknowledged it (QoS 1) or it was written (QoS 0), and fails when a
   * QoS 0 message was dropped, the outbox is full or the link is closed.
   */
  public CompletableFuture<Void> publish(
      String topic, byte[] payload, int qos, boolean retained, MqttProperties properties) {
    if (topic == null || topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
      throw new IllegalArgumentException("topic must be a topic without wildcards, was '" + topic + "'");
    }
    if (qos < 0 || qos > 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
    MqttMessage m = new MqttMessage(payload);
    m.setQos(qos);
    m.setRetained(retained);
    if (properties != null) {
      m.setProperties(properties);
    }
    Pending p = new Pending(topic, m);
    if (closed) {
      p.done.completeExceptionally(new IllegalStateException("link is closed"));
      return p.done;
    }
    if (qos == 0) {
      sendQos0(p);
      return p.done;
    }
    if (outbox.size() >= settings.maxQueued()) {
      p.done.completeExceptionally(
          new IllegalStateException("outbox full (" + settings.maxQueued() + " messages)"));
      return p.done;
    }
    outbox.addLast(p);
    drain();
    return p.done;
  }

  /** A snapshot of the counters. */
  public Stats stats() {
    int inflightNow;
    synchronized (lock) {
      inflightNow = inflight.size();
    }
    return new Stats(connects.get(), losses.get(), failedAttempts.get(), stalledAttempts.get(), published.get(),
        qos0Dropped.get(), received.get(), outbox.size(), inflightNow, lastOutage);
  }

  /** Disconnects cleanly (no last will) and stops reconnecting; queued messages fail. */
  @Override
  public void close() {
    closed = true;
    connected = false;
    MqttAsyncClient c = client;
    client = null;
    if (c != null) {
      try {
        if (c.isConnected()) {
          c.disconnect(2000).waitForCompletion(3000);
        }
      } catch (MqttException e) {
        log.debug("{}: disconnect: {}", settings.clientId(), e.toString());
      }
      closeNow(c);
    }
    synchronized (lock) {
      for (Pending p : inflight) {
        p.done.completeExceptionally(new IllegalStateException("link closed"));
      }
      inflight.clear();
    }
    Pending p;
    while ((p = outbox.pollFirst()) != null) {
      p.done.completeExceptionally(new IllegalStateException("link closed"));
    }
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
  }

  /**
   * Drops the connection without a DISCONNECT packet, as a crash or a cut cable would: the broker
   * publishes the last will. The link then reconnects as after any loss. For tests and the simulator.
   */
  public void dropConnection() {
    MqttAsyncClient c = client;
    if (c != null) {
      try {
        c.disconnectForcibly(0, 0, false);
      } catch (MqttException e) {
        log.debug("{}: forced disconnect: {}", settings.clientId(), e.toString());
      }
      later(() -> onLost(c, "dropped on request"));
    }
  }

  // ---- connection ------------------------------------------------------------------------------

  private void connectAttempt() {
    if (closed) {
      return;
    }
    MqttAsyncClient c;
    try {
      c = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("cannot create an MQTT client for " + settings.url(), e);
    }
    c.setCallback(new Callback(c));
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setAutomaticReconnect(false);
    o.setCleanStart(settings.cleanStart());
    o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
    o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    o.setConnectionTimeout((int) settings.connectTimeout().toSeconds());
    o.setReceiveMaximum(65535);
    if (!settings.username().isEmpty()) {
      o.setUserName(settings.username());
      o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
    }
    if (settings.will() != null) {
      MqttMessage w = new MqttMessage(settings.will().payload());
      w.setQos(settings.will().qos());
      w.setRetained(settings.will().retained());
      o.setWill(settings.will().topic(), w);
    }
    // One outcome per attempt: Paho's answer or the watchdog's, whichever comes first.
    java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
    try {
      c.connect(o, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          if (settled.compareAndSet(false, true)) {
            later(() -> onConnected(c, token));
          } else {
            closeQuietly(c); // the watchdog gave up on it already
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable why) {
          if (settled.compareAndSet(false, true)) {
            later(() -> onAttemptFailed(c, why));
          }
        }
      });
    } catch (MqttException e) {
      settled.set(true);
      onAttemptFailed(c, e);
      return;
    }
    // Paho's connection timeout bounds the TCP connect only: a broker that accepts the connection and never
    // answers CONNACK (overloaded, half dead, a proxy in front of a dead one) left the attempt pending for
    // ever, and the link never reconnected (measured on Paho 1.2.5: no callback in 15 s with a 2 s timeout).
    try {
      scheduler.schedule(() -> {
        if (settled.compareAndSet(false, true)) {
          stalledAttempts.incrementAndGet();
          log.warn("{}: no CONNACK from {} within {}, giving the attempt up", settings.clientId(), settings.url(),
              settings.connectTimeout());
          forceClose(c);
          onAttemptFailed(c, new java.util.concurrent.TimeoutException("no CONNACK within "
              + settings.connectTimeout()));
        }
      }, settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException shutDown) {
      log.debug("{}: scheduler stopped, no connect watchdog", settings.clientId());
    }
  }

  /** Shuts a client's network down whatever its state (a pending connect included). */
  private void forceClose(MqttAsyncClient c) {
    try {
      c.disconnectForcibly(0, 0, false);
    } catch (MqttException | RuntimeException e) {
      log.trace("{}: {}", settings.clientId(), e.toString());
    }
  }

  private void onConnected(MqttAsyncClient c, IMqttToken token) {
    if (closed) {
      closeQuietly(c);
      return;
    }
    Integer serverMax =
        token.getResponseProperties() == null ? null : token.getResponseProperties().getReceiveMaximum();
    synchronized (lock) {
      inflightLimit = serverMax == null ? settings.maxInflight() : Math.min(settings.maxInflight(), serverMax);
      client = c;
      connected = true;
      attempt = 0;
      if (lostAtNanos >= 0) {
        lastOutage = Duration.ofNanos(System.nanoTime() - lostAtNanos);
        lostAtNanos = -1;
      }
    }
    // the first connect is routine (a demo's 18 links printed 18 lines); a reconnect is what an operator looks for
    if (connects.incrementAndGet() == 1) {
      log.debug("{}: connected to {} (session present: {})", settings.clientId(), settings.url(),
          token.getSessionPresent());
    } else {
      log.info("{}: reconnected to {} (session present: {})", settings.clientId(), settings.url(),
          token.getSessionPresent());
    }
    List<Subscription> subs = List.copyOf(subscriptions);
    if (!subs.isEmpty()) {
      MqttSubscription[] array = subs.stream().map(MqttLink::subscription).toArray(MqttSubscription[]::new);
      CompletableFuture<Void> f = new CompletableFuture<>();
      try {
        c.subscribe(array, null, granted(f, subs), new MqttProperties());
      } catch (MqttException e) {
        f.completeExceptionally(e);
      }
      // a SUBACK that never comes would leave the link connected and never ready; reconnect instead
      f.orTimeout(settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS).whenComplete((ok, err) -> {
        if (err instanceof SubscriptionRefused refused) {
          // reconnecting would not change the broker's mind: say so loudly and carry on
          log.error("{}: {}", settings.clientId(), refused.getMessage());
          later(() -> ready(c));
        } else if (err != null) {
          log.warn("{}: resubscribe failed, reconnecting: {}", settings.clientId(), err.toString());
          dropConnection();
        } else {
          later(() -> ready(c));
        }
      });
    } else {
      ready(c);
    }
    drain();
  }

  /** Connected and every subscription granted again: wake those waiting in awaitConnected. */
  private void ready(MqttAsyncClient c) {
    if (c == client && connected) {
      subscribed = true;
      for (Runnable r : readyListeners) {
        try {
          r.run();
        } catch (RuntimeException e) {
          log.warn("{}: ready listener failed: {}", settings.clientId(), e.toString());
        }
      }
      for (CompletableFuture<Void> w : connectWaiters) {
        w.complete(null);
      }
    }
  }

  private void onAttemptFailed(MqttAsyncClient c, Throwable why) {
    closeQuietly(c);
    if (closed) {
      return;
    }
    failedAttempts.incrementAndGet();
    scheduleReconnect("attempt failed: " + why);
  }

  private void onLost(MqttAsyncClient c, String why) {
    synchronized (lock) {
      if (c != client || !connected) {
        return; // an old client, or already handled
      }
      connected = false;
      subscribed = false;
      lostAtNanos = System.nanoTime();
      // unacknowledged QoS 1 messages go back to the front of the outbox, in order
      List<Pending> back = new ArrayList<>(inflight);
      inflight.clear();
      for (int i = back.size() - 1; i >= 0; i--) {
        outbox.addFirst(back.get(i));
      }
    }
    losses.incrementAndGet();
    closeQuietly(c);
    if (!closed) {
      log.warn("{}: connection lost ({}), reconnecting", settings.clientId(), why);
      scheduleReconnect(why);
    }
  }

  private void scheduleReconnect(String why) {
    int n;
    synchronized (lock) {
      n = attempt++;
    }
    Duration d = settings.backoff().delay(n, () -> ThreadLocalRandom.current().nextDouble());
    log.debug("{}: reconnect attempt {} in {} ({})", settings.clientId(), n, d, why);
    try {
      scheduler.schedule(this::connectAttempt, d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException shutDown) {
      log.debug("{}: scheduler stopped, no reconnect", settings.clientId());
    }
  }

  /** Runs a task on the link's scheduler; after shutdown there is nothing left to do. */
  private void later(Runnable task) {
    try {
      scheduler.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException shutDown) {
      log.trace("{}: scheduler stopped", settings.clientId());
    }
  }

  /** Closes a Paho client off the calling (possibly Paho's own) thread. */
  private void closeQuietly(MqttAsyncClient c) {
    try {
      scheduler.execute(() -> closeNow(c));
    } catch (java.util.concurrent.RejectedExecutionException shutDown) {
      closeNow(c);
    }
  }

  private void closeNow(MqttAsyncClient c) {
    if (c.isConnected()) {
      forceClose(c);
    }
    try {
      c.close(true);
    } catch (MqttException | RuntimeException e) {
      log.trace("{}: {}", settings.clientId(), e.toString());
    }
  }

  // ---- sending -----------------------------------------------------------------------------------

  private void sendQos0(Pending p) {
    MqttAsyncClient c = client;
    if (!connected || c == null) {
      qos0Dropped.incrementAndGet();
      p.done.completeExceptionally(new IllegalStateException("not connected; QoS 0 dropped"));
      return;
    }
    try {
      c.publish(p.topic, p.message, null, null);
      published.incrementAndGet();
      p.done.complete(null);
    } catch (MqttException | RuntimeException e) {
      qos0Dropped.incrementAndGet();
      p.done.completeExceptionally(e);
    }
  }

  private void drain() {
    synchronized (lock) {
      MqttAsyncClient c = client;
      while (connected && c != null && inflight.size() < inflightLimit) {
        Pending p = outbox.pollFirst();
        if (p == null) {
          return;
        }
        inflight.add(p);
        try {
          c.publish(p.topic, p.message, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              acknowledged(c, p);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable why) {
              failed(c, p, why);
            }
          });
        } catch (MqttException | RuntimeException e) {
          inflight.remove(p);
          outbox.addFirst(p);
          return; // the connection is going away; onLost/onConnected drains again
        }
      }
    }
  }

  private void acknowledged(MqttAsyncClient c, Pending p) {
    boolean mine;
    synchronized (lock) {
      mine = inflight.remove(p);
    }
    if (mine || !p.done.isDone()) {
      published.incrementAndGet();
      p.done.complete(null);
    }
    if (mine && !closed) {
      later(this::drain);
    }
  }

  private void failed(MqttAsyncClient c, Pending p, Throwable why) {
    boolean mine;
    synchronized (lock) {
      mine = inflight.remove(p);
      if (mine && !closed) {
        outbox.addFirst(p);
      }
    }
    log.debug("{}: publish to {} failed ({}), will retry", settings.clientId(), p.topic, why.toString());
  }

  // ---- subscriptions -----------------------------------------------------------------------------

  private static MqttSubscription subscription(Subscription s) {
    MqttSubscription m = new MqttSubscription(s.filter(), s.qos());
    m.setNoLocal(!s.filter().startsWith("$share/"));
    m.setRetainAsPublished(s.retainAsPublished());
    return m;
  }

  private MqttActionListener granted(CompletableFuture<Void> f, List<Subscription> subs) {
    return new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        if (codes != null) {
          for (int i = 0; i < codes.length && i < subs.size(); i++) {
            if (codes[i] >= 0x80) {
              f.completeExceptionally(new SubscriptionRefused(
                  "broker refused subscription to '" + subs.get(i).filter() + "' (reason code 0x"
                      + Integer.toHexString(codes[i]) + ")"));
              return;
            }
          }
        }
        f.complete(null);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable why) {
        f.completeExceptionally(why);
      }
    };
  }

  /** The broker answered a subscription with a failure reason code (e.g. 0x87, not authorized). */
  public static final class SubscriptionRefused extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    SubscriptionRefused(String message) {
      super(message);
    }
  }

  private final class Callback implements MqttCallback {
    private final MqttAsyncClient owner;

    Callback(MqttAsyncClient owner) {
      this.owner = owner;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      later(() -> onLost(owner, String.valueOf(response)));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.debug("{}: MQTT error {}", settings.clientId(), exception.toString());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      received.incrementAndGet();
      for (Subscription s : subscriptions) {
        if (TopicFilters.matches(s.filter(), topic)) {
          try {
            s.handler().onMessage(topic, message);
          } catch (RuntimeException e) {
            log.warn("{}: handler for {} failed on {}: {}", settings.clientId(), s.filter(), topic,
                e.toString());
          }
        }
      }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
