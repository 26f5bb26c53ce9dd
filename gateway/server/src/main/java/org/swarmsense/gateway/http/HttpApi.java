package org.swarmsense.gateway.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeOK;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.Directives.redirect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.swarmsense.agents.airspace.FenceKind;
import org.swarmsense.gateway.persistence.AuditEntry;
import org.swarmsense.gateway.persistence.AuditLog;
import org.swarmsense.gateway.persistence.GatewayStore;

/**
 * The routes of the HTTP API and the dashboard. Every {@code /api/fleets/{fleet}/...} route needs
 * that fleet's bearer token ({@code Authorization: Bearer ...}, or {@code ?access_token=} for the
 * event stream, which browsers open without headers). Errors are mapped by {@link ApiErrors} only.
 * Stateless apart from the services it is given; thread-safe.
 */
public final class HttpApi {
  /** The Leaflet version served from its WebJar; must match the parent pom's leaflet.version. */
  static final String LEAFLET_VERSION = "1.9.4";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Request bodies: JSON only; any other content type is refused with 415 (ApiErrors). */
  private static final Unmarshaller<org.apache.pekko.http.javadsl.model.HttpEntity, String> JSON_BODY =
      Unmarshaller.forMediaType(org.apache.pekko.http.javadsl.model.MediaTypes.APPLICATION_JSON,
          Unmarshaller.entityToString());

  /**
   * What the API serves.
   *
   * @param map the city map (read per request: it may be loaded after start)
   * @param version the product version shown by /api/health
   * @param store where the audit log is kept
   */
  public record Services(
      LiveHub hub,
      FleetTokens tokens,
      org.swarmsense.gateway.mission.Missions missions,
      Fences fences,
      FleetMetrics metrics,
      Supplier<MapLayer> map,
      String version,
      GatewayStore store,
      DeviceCommands commands) {
    /** Services without device commands over HTTP (the commands endpoint answers 503). */
    public Services(LiveHub hub, FleetTokens tokens, org.swarmsense.gateway.mission.Missions missions, Fences fences, FleetMetrics metrics,
        Supplier<MapLayer> map, String version, GatewayStore store) {
      this(hub, tokens, missions, fences, metrics, map, version, store, null);
    }

    /** Services whose audit log is kept in memory only. */
    public Services(LiveHub hub, FleetTokens tokens, org.swarmsense.gateway.mission.Missions missions, Fences fences, FleetMetrics metrics,
        Supplier<MapLayer> map, String version) {
      this(hub, tokens, missions, fences, metrics, map, version, GatewayStore.inMemory());
    }
  }

  private final LiveHub hub;
  private final FleetTokens tokens;
  private final org.swarmsense.gateway.mission.Missions missions;
  private final Fences fences;
  private final FleetMetrics metrics;
  private final Supplier<MapLayer> map;
  private final String version;
  private final GatewayStore store;
  private volatile DeviceCommands commands;

  public HttpApi(Services s) {
    this.commands = s.commands();
    this.store = s.store();
    this.hub = s.hub();
    this.tokens = s.tokens();
    this.missions = s.missions();
    this.fences = s.fences();
    this.metrics = s.metrics();
    this.map = s.map();
    this.version = s.version();
  }

  /**
   * An API with no fleet link behind it: fences kept here (judged by a monitor of its own, which no
   * telemetry reaches), metrics from the live state only.
   */
  public HttpApi(
      LiveHub hub, FleetTokens tokens, org.swarmsense.gateway.mission.Missions missions, Supplier<MapLayer> map, String version) {
    this(new Services(hub, tokens, missions, new FleetFences(hub, new org.swarmsense.agents.airspace.BreachMonitor(), FenceLimits.defaults()), fleet -> JSON.createObjectNode(), map, version));
  }

  /** {@code GET/PUT .../no-fly-zones} or {@code .../geofences}: a fleet's fences of one kind. */
  private Route fences(String fleet, FenceKind kind) {
    return path(
        FleetFences.event(kind),
        () ->
            concat(
                get(() -> json(fences.get(fleet, kind))),
                put(() -> entity(JSON_BODY, body -> {
                  com.fasterxml.jackson.databind.JsonNode stored = fences.put(fleet, kind, body);
                  audit(fleet, FleetFences.event(kind) + ".put", stored.path("features").size() + " features");
                  return json(stored);
                }))));
  }

  /** All routes, sealed with the error mapping. */
  public Route routes() {
    return ApiErrors.refuseDeclaredTooLarge(() -> handleExceptions(
        ApiErrors.exceptions(),
        () -> handleRejections(ApiErrors.rejections(), () -> concat(dashboard(), api()))));
  }

  private Route dashboard() {
    return concat(
        pathSingleSlash(() -> redirect(org.apache.pekko.http.javadsl.model.Uri.create("/dashboard/"), StatusCodes.FOUND)),
        pathPrefix(
            "dashboard",
            () ->
                concat(
                    pathSingleSlash(() -> getFromResource("dashboard/index.html")),
                    getFromResourceDirectory("dashboard"))),
        pathPrefix(
            "webjars",
            () ->
                pathPrefix(
                    "leaflet",
                    () ->
                        getFromResourceDirectory(
                            "META-INF/resources/webjars/leaflet/" + LEAFLET_VERSION))));
  }

  private Route api() {
    return pathPrefix(
        "api",
        () ->
            concat(
                path("health", () -> get(() -> json(health()))),
                path(
                    "openapi.json",
                    () -> get(() -> getFromResource("openapi.json", ContentTypes.APPLICATION_JSON))),
                pathPrefix(
                    "map",
                    () ->
                        concat(
                            pathEnd(() -> get(() -> json(mapInfo()))),
                            path(
                                "roads",
                                () ->
                                    get(
                                        () ->
                                            complete(
                                                HttpEntities.create(
                                                    ContentTypes.APPLICATION_JSON,
                                                    map.get().roadsGeoJson())))))),
                pathPrefix("fleets", () -> pathPrefix(fleet -> authorized(fleet, fleetRoutes(fleet))))));
  }

  private Route authorized(String fleet, Route inner) {
    return optionalHeaderValueByName(
        "Authorization",
        header ->
            parameterOptional(
                "access_token",
                query -> {
                  Fleets.requireValidId("fleet", fleet);
                  tokens.authorize(bearer(header).or(() -> query).orElse(null), fleet);
                  return inner;
                }));
  }

  private static Optional<String> bearer(Optional<String> header) {
    return header
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).trim());
  }

  private Route fleetRoutes(String fleet) {
    return concat(
        pathEnd(() -> get(() -> json(fleetSummary(fleet)))),
        pathPrefix(
            "devices",
            () ->
                concat(
                    pathEnd(() -> get(() -> parameterOptional("limit", limit -> parameterOptional("after",
                        after -> json(array(DevicePage.of(hub.devices(fleet), limit, after))))))),
                    pathPrefix(
                        id ->
                            concat(
                                pathEnd(() -> get(() -> json(device(fleet, id)
                                    .orElseThrow(() -> ApiException.notFound("device", id))))),
                                path("commands", () -> post(() -> parameterOptional("wait_ms", wait -> parameterOptional("kind",
                                    kind -> entity(JSON_BODY, body -> command(fleet, id, kind, wait, body)))))))))),
        path("commands", () -> get(() -> json(pendingCommands(fleet)))),
        path("alarms", () -> get(() -> json(array(hub.alarms(fleet))))),
        path("audit", () -> get(() -> parameterOptional("after", after -> parameterOptional("limit",
            limit -> json(auditPage(fleet, after, limit)))))),
        path("datasets", () -> get(() -> json(datasetNames()))),
        fences(fleet, FenceKind.NO_FLY_ZONE),
        fences(fleet, FenceKind.GEOFENCE),
        path("metrics", () -> get(() -> json(fleetMetrics(fleet)))),
        path("stream", () -> get(() -> stream(fleet))),
        pathPrefix(
            "missions",
            () ->
                concat(
                    pathEnd(
                        () ->
                            concat(
                                get(() -> json(array(missions.list(fleet)))),
                                post(
                                    () ->
                                        entity(
                                            JSON_BODY,
                                            body ->
                                                submitted(fleet, missions.submit(fleet, body)))))),
                    pathPrefix(
                        id ->
                            concat(
                                pathEnd(() -> concat(
                                    get(() -> json(missions.status(fleet, id))),
                                    delete(() -> json(audited(fleet, "mission.cancel", id, missions.cancel(fleet, id)))))),
                                path("report", () -> get(() -> json(missions.report(fleet, id)))),
                                path("run", () -> post(() -> json(audited(fleet, "mission.run", id, missions.run(fleet, id))))),
                                path(
                                    "plans",
                                    () -> get(() -> json(missions.plansGeoJson(fleet, id)))))))));
  }

  /** Commands devices through the gateway's device entities; without it the command routes answer 503. */
  public HttpApi withCommands(DeviceCommands c) {
    this.commands = c;
    return this;
  }

  /**
   * {@code POST .../devices/{id}/commands[?kind=drone|sensor|edge][&wait_ms=]} with the wire's command
   * JSON ({@code {"v":1,"t_ms":...,"cmd":"hold"}}), through the device's entity (on whichever cluster
   * node it runs; the kind comes from {@code ?kind=} or this node's view, else 404): the command is
   * written to the journal, sent at QoS 1 with its own id, and the
   * answer is the device's (200 with {@code ok}) or, when none came within {@code ?wait_ms=} (0..10000,
   * default {@link #COMMAND_WAIT}),
   * 202 {@code pending} (it stays in the journal and is sent again after a restart; the device applies
   * an id once). Audited after it was journaled.
   */
  private Route command(String fleet, String id, Optional<String> kindParam, Optional<String> waitParam,
      String body) {
    if (commands == null) {
      throw ApiException.unavailable("commands are not available on this gateway");
    }
    long waitMs = waitParam.map(v -> parseLong("wait_ms", v, 0, COMMAND_WAIT.toMillis())).orElse(COMMAND_WAIT.toMillis());
    try { // the id's rules are the same for every kind: checked before any lookup
      org.swarmsense.gateway.wire.Topic.of(fleet, org.swarmsense.gateway.wire.DeviceKind.DRONE, id,
          org.swarmsense.gateway.wire.Channel.CMD);
    } catch (IllegalArgumentException e) {
      throw new org.swarmsense.gateway.input.FieldError("id", id, "must be 1..64 characters of [A-Za-z0-9_-]");
    }
    org.swarmsense.gateway.wire.DeviceKind kind;
    if (kindParam.isPresent()) {
      try {
        kind = org.swarmsense.gateway.wire.DeviceKind.fromLevel(kindParam.get());
      } catch (IllegalArgumentException e) {
        throw new org.swarmsense.gateway.input.FieldError("kind", kindParam.get(), "must be drone, sensor or edge");
      }
    } else {
      // this node's view, else the fleet's device journal (with several nodes sharing one journal it holds
      // the devices whose entities run on the other nodes); ?kind= still names it, for older clients
      kind = org.swarmsense.gateway.wire.DeviceKind.fromLevel(device(fleet, id).orElseThrow(() ->
          ApiException.notFound("device", id + " (not seen by this gateway; give ?kind=drone|sensor|edge)"))
          .path("kind").asText());
    }
    org.swarmsense.gateway.wire.DeviceId target = org.swarmsense.gateway.wire.DeviceId.of(
        org.swarmsense.gateway.wire.Topic.of(fleet, kind, id, org.swarmsense.gateway.wire.Channel.CMD));
    org.swarmsense.gateway.wire.Command c;
    try {
      c = org.swarmsense.gateway.wire.Payloads.readCommand(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (org.swarmsense.gateway.wire.PayloadException e) {
      // the wire calls the whole document "payload"; over HTTP it is the request body
      String m = String.valueOf(e.getMessage());
      throw m.startsWith("payload ") ? new IllegalArgumentException("body " + m.substring("payload ".length()), e) : e;
    }
    DeviceCommands.Submission sub = commands.submit(fleet, target, c);
    audit(fleet, "device.command", target.kind().level() + "/" + id + " " + c.kind().code() + " " + sub.id());
    java.util.concurrent.CompletionStage<org.apache.pekko.http.javadsl.model.HttpResponse> answer = sub.reply().copy()
        .completeOnTimeout(null, waitMs, java.util.concurrent.TimeUnit.MILLISECONDS)
        .handle((r, e) -> {
          ObjectNode n = JSON.createObjectNode();
          n.put("id", sub.id());
          n.put("device", id);
          n.put("cmd", c.kind().code());
          // null: the wait ran out; empty: no answer came within the command's own timeout
          boolean answered = e == null && r != null && r.isPresent();
          n.put("state", answered ? "answered" : "pending");
          if (answered) {
            n.put("ok", r.get().ok());
            if (!r.get().ok()) {
              n.put("reason", r.get().reason());
            }
          }
          return org.apache.pekko.http.javadsl.model.HttpResponse.create()
              .withStatus(answered ? StatusCodes.OK : StatusCodes.ACCEPTED)
              .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, n.toString()));
        });
    return org.apache.pekko.http.javadsl.server.Directives.completeWithFuture(answer);
  }

  /**
   * A device of the fleet: its snapshot in this node's view (its entity runs here), else its last state
   * in the fleet's device journal, marked {@code "kept": true} (with several nodes sharing one journal:
   * its entity runs on another node, which wrote it at most {@code device-flush-every} plus {@code
   * device-telemetry-every} ago). Empty when neither has an observation of it.
   */
  private Optional<com.fasterxml.jackson.databind.JsonNode> device(String fleet, String id) {
    Optional<com.fasterxml.jackson.databind.JsonNode> here = hub.device(fleet, id);
    if (here.isPresent()) {
      return here;
    }
    org.swarmsense.gateway.persistence.FleetDeviceState kept = store.devices(fleet);
    for (org.swarmsense.agents.device.DeviceKey.Kind k : org.swarmsense.agents.device.DeviceKey.Kind.values()) {
      org.swarmsense.gateway.persistence.DeviceRecord r = kept.devices().get(k.level() + "/" + id);
      if (r != null && r.last() != null) {
        ObjectNode d = LiveHub.deviceEvent(r.key(fleet), r.last());
        if (r.online() != null) {
          d.put("online", r.online());
        }
        d.put("kept", true);
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** How long {@code POST .../commands} waits for the device's answer before answering 202 pending. */
  static final java.time.Duration COMMAND_WAIT = java.time.Duration.ofSeconds(10);

  /**
   * {@code GET .../commands}: the fleet's accepted commands not answered yet ({@code pending}) and the
   * newest ones given up ({@code expired}, with the reason).
   */
  private ObjectNode pendingCommands(String fleet) {
    if (commands == null) {
      throw ApiException.unavailable("commands are not available on this gateway");
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("fleet", fleet);
    ArrayNode a = n.putArray("pending");
    for (org.swarmsense.gateway.persistence.PendingCommand p : commands.pending(fleet)) {
      command(a.addObject(), p, "pending");
    }
    ArrayNode x = n.putArray("expired");
    for (org.swarmsense.gateway.persistence.PendingCommands.ExpiredCommand e : commands.expired(fleet)) {
      ObjectNode o = command(x.addObject(), e.command(), "expired");
      o.put("expiredAt", java.time.Instant.ofEpochMilli(e.expiredAtMs()).toString());
      o.put("reason", e.reason());
    }
    return n;
  }

  private static ObjectNode command(ObjectNode o, org.swarmsense.gateway.persistence.PendingCommand p, String state) {
    o.put("id", p.id());
    o.put("state", state);
    o.put("kind", p.kind());
    o.put("device", p.device());
    o.put("acceptedAt", java.time.Instant.ofEpochMilli(p.acceptedAtMs()).toString());
    o.set("command", readTree(p.json()));
    return o;
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      return JSON.getNodeFactory().textNode(json);
    }
  }

  private Route submitted(String fleet, com.fasterxml.jackson.databind.JsonNode status) {
    audit(fleet, "mission.submit", status.path("id").asText(""));
    return complete(StatusCodes.ACCEPTED, HttpEntities.create(ContentTypes.APPLICATION_JSON, status.toString()));
  }

  private <T> T audited(String fleet, String action, String detail, T result) {
    audit(fleet, action, detail);
    return result;
  }

  /**
   * Appends to the fleet's audit log once an action succeeded; the actor is the fleet's token (the
   * only identity the API knows).
   */
  private void audit(String fleet, String action, String detail) {
    store.audit(fleet, "token:" + fleet, action, detail);
  }

  /**
   * {@code GET .../audit?after=N&limit=M}: the entries after sequence number N (default 0: the
   * oldest kept), oldest first, at most M (default 100, at most the store's page maximum).
   */
  private ObjectNode auditPage(String fleet, Optional<String> afterParam, Optional<String> limitParam) {
    int max = store.auditPageMax();
    long after = afterParam.map(v -> parseLong("after", v, 0, Long.MAX_VALUE - 1)).orElse(0L);
    int limit = (int) (long) limitParam.map(v -> parseLong("limit", v, 1, max)).orElse((long) Math.min(100, max));
    AuditLog log = store.auditLog(fleet);
    java.util.List<AuditEntry> page = log.page(after, limit);
    ObjectNode n = JSON.createObjectNode();
    n.put("fleet", fleet);
    n.put("total", log.total());
    if (log.newest().isEmpty()) {
      n.putNull("oldestKept");
    } else {
      n.put("oldestKept", log.newest().get(0).seq());
    }
    ArrayNode entries = n.putArray("entries");
    for (AuditEntry e : page) {
      ObjectNode o = entries.addObject();
      o.put("seq", e.seq());
      o.put("at", java.time.Instant.ofEpochMilli(e.atMs()).toString());
      o.put("who", e.who());
      o.put("action", e.action());
      o.put("detail", e.detail());
    }
    long last = page.isEmpty() ? after : page.get(page.size() - 1).seq();
    if (last < log.total() && !page.isEmpty()) {
      n.put("next", last);
    } else {
      n.putNull("next");
    }
    return n;
  }

  private static long parseLong(String field, String value, long min, long max) {
    long v;
    try {
      v = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new org.swarmsense.gateway.input.FieldError(field, value, "must be an integer " + min + ".." + max);
    }
    if (v < min || v > max) {
      throw new org.swarmsense.gateway.input.FieldError(field, value, "must be an integer " + min + ".." + max);
    }
    return v;
  }

  private ArrayNode datasetNames() {
    ArrayNode a = JSON.createArrayNode();
    missions.datasets().forEach(a::add);
    return a;
  }

  private Route stream(String fleet) {
    Source<ServerSentEvent, NotUsed> snapshot =
        Source.from(hub.devices(fleet)).map(HttpApi::event);
    Source<ServerSentEvent, NotUsed> live =
        Source.<ObjectNode>queue(4096, OverflowStrategy.dropHead())
            .mapMaterializedValue(
                queue -> {
                  AutoCloseable handle = hub.subscribe(fleet, queue::offer);
                  queue
                      .watchCompletion()
                      .whenComplete(
                          (done, failure) -> {
                            try {
                              handle.close();
                            } catch (Exception ignored) {
                              // removing a listener cannot fail
                            }
                          });
                  return NotUsed.getInstance();
                })
            .map(HttpApi::event);
    return completeOK(
        snapshot
            .concat(live)
            .keepAlive(Duration.ofSeconds(10), ServerSentEvent::heartbeat),
        EventStreamMarshalling.toEventStream());
  }

  private static ServerSentEvent event(ObjectNode node) {
    return ServerSentEvent.create(node.toString(), node.path("type").asText("message"));
  }

  private ObjectNode health() {
    ObjectNode n = JSON.createObjectNode();
    n.put("status", "ok");
    n.put("version", version);
    return n;
  }

  private ObjectNode mapInfo() {
    MapLayer m = map.get();
    ObjectNode n = JSON.createObjectNode();
    n.put("name", m.name());
    n.put("attribution", m.attribution());
    ArrayNode b = n.putArray("bounds");
    for (double v : m.bounds()) {
      b.add(v);
    }
    return n;
  }

  private ObjectNode fleetMetrics(String fleet) {
    ObjectNode n = JSON.createObjectNode();
    n.put("fleet", fleet);
    n.put("devices", hub.devices(fleet).size());
    n.put("alarms", hub.alarms(fleet).size());
    n.set("link", metrics.metrics(fleet));
    org.swarmsense.gateway.persistence.WriteCounts w = store.writeCounts();
    ObjectNode j = n.putObject("journal"); // this node's, over all fleets
    j.put("clusterWide", w.clusterWide());
    j.put("writes", w.writes());
    j.put("failedWrites", w.failedWrites());
    j.put("persistedHere", w.persistedHere());
    return n;
  }

  private ObjectNode fleetSummary(String fleet) {
    ObjectNode n = JSON.createObjectNode();
    n.put("fleet", fleet);
    n.put("devices", hub.devices(fleet).size());
    n.put("alarms", hub.alarms(fleet).size());
    n.put("missions", missions.list(fleet).size());
    return n;
  }

  private static ArrayNode array(Iterable<? extends com.fasterxml.jackson.databind.JsonNode> items) {
    ArrayNode a = JSON.createArrayNode();
    items.forEach(a::add);
    return a;
  }

  private static Route json(com.fasterxml.jackson.databind.JsonNode node) {
    return complete(HttpEntities.create(ContentTypes.APPLICATION_JSON, node.toString()));
  }
}
