package org.swarmsense.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.offload.FrameSource;
import org.swarmsense.gateway.offload.OffloadSettings;
import org.swarmsense.gateway.offload.OffloadingDrone;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgeBox;
import org.swarmsense.gateway.wire.EdgeRegion;
import org.swarmsense.gateway.wire.EdgeResult;
import org.swarmsense.gateway.wire.EdgeTaskPacket;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.PacketHeader;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;
import org.swarmsense.semantic.codec.SemanticDecoder;
import org.swarmsense.semantic.codec.SemanticEncoder;

/**
 * A simulated drone's capture to the edge node's result through a real broker: the drone hears the
 * node's status and telemetry, encodes, sends the packets its uplink carries by the deadline, and
 * gets back the detector's boxes on what arrived.
 */
class EdgeOffloadTest {
  static final String FLEET = "fleet-e";
  static final DeviceId EDGE = new DeviceId(FLEET, DeviceKind.EDGE, "e1");
  static final DeviceId DRONE = new DeviceId(FLEET, DeviceKind.DRONE, "d0001");
  // the drone hovers 200 m south of the node, in Monaco
  static final double LAT = 43.7366;
  static final double LON = 7.4246;
  static final EdgeNodeLink.Position NODE_AT = new EdgeNodeLink.Position(43.7384, 7.4246, 20);

  static ActorSystem<SpawnProtocol.Command> system;
  static CocoDetector coco;
  static PixelImage person;

  @BeforeAll
  static void open() throws Exception {
    system = ActorSystem.create(SpawnProtocol.create(), "edge-offload-test");
    coco = new CocoDetector(SharedData.file("models/mb3_centernet_coco.onnx"), 2);
    person = PixelImages.read(SharedData.file("images/person.jpg"));
  }

  @AfterAll
  static void close() throws Exception {
    system.terminate(); // and wait: a node may still be detecting with the session closed next
    system.getWhenTerminated().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    coco.close();
  }

  static EdgeNodeLink node(MqttBroker broker) {
    EdgeNodeSettings s = org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode().withCount(1);
    return EdgeNodeLink.start(system, MqttLinkSettings.defaults(broker.url(), "unused"), EDGE, NODE_AT, s,
        FrameDetector.coco(coco, 0.3), List.of(BandOrder.zigZag()));
  }

  /** The detector's boxes on what the codec's own decoder makes of the first {@code n} packets, in wire form. */
  static List<EdgeBox> reference(EncodedFrame f, int n) throws Exception {
    SemanticDecoder d = new SemanticDecoder(List.of(BandOrder.zigZag()));
    f.packets().subList(0, n).forEach(d::accept);
    List<Detection> found = coco.detect(d.finish().orElseThrow().image(), 0.3);
    return found.stream().map(x -> new EdgeBox(x.classId(), x.score(), x.x0(), x.y0(), x.x1(), x.y1())).toList();
  }

  static void await(BooleanSupplier c, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!c.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void aCapturedFrameComesBackAsTheDetectorsBoxes(BrokerFactory factory) throws Exception {
    OffloadSettings settings = OffloadSettings.load(); // 250,000 B/s x 500 ms: the whole frame fits
    EncodedFrame sent = SemanticEncoder.encode(person, settings.quality(), BandOrder.zigZag(), 0);
    assertTrue(sent.totalBytes() < settings.uplinkRateBytesPerS() * 0.5, sent.totalBytes() + " B");
    LinkedBlockingQueue<OffloadingDrone.Result> results = new LinkedBlockingQueue<>();
    try (MqttBroker broker = factory.start();
        EdgeNodeLink node = node(broker);
        OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused"), DRONE,
            FrameSource.cycling(List.of(person)), BandOrder.zigZag(), settings, results::add)) {
      assertTrue(node.awaitConnected(Duration.ofSeconds(10)));
      assertTrue(drone.awaitConnected(Duration.ofSeconds(10)));
      await(() -> drone.edges().nearestReachable(LAT, LON).isPresent(), "the drone to hear the node's telemetry");
      assertEquals("d0001-0", drone.captureAndSend(LAT, LON).orElseThrow());
      OffloadingDrone.Result r = results.poll(30, TimeUnit.SECONDS);
      assertTrue(r != null, "a result within 30 s");
      EdgeResult res = r.result();
      System.out.printf("%s: %d packets, %d boxes, energy share %.3f, edge latency %.1f ms (compute %.1f), round trip %.1f ms%n",
          factory, r.packetCount(), res.detections().size(), res.energyShare(), res.latencyMs(), res.computeMs(),
          r.roundTripMs());
      assertTrue(res.ok(), res.toString());
      assertEquals(EDGE, r.edge());
      assertEquals("d0001-0", res.taskId());
      // all packets: the share is 1 up to the header's coding of the frame energy (0.14% steps)
      assertEquals(1.0, res.energyShare(), 0.003);
      assertEquals(sent.packets().size(), res.packetsAccepted());
      assertEquals(reference(sent, sent.packets().size()), res.detections());
      assertEquals("coco-centernet", res.variant());
    }
  }

  /**
   * Issue 20 part 5 over a real broker: a node running the shipped vehicle detector with the default
   * {@code on-request} patch defence answers a drone that asks with {@code defended: true} and one
   * that does not with the plain answer; both with the shipped detector's variant.
   */
  @Test
  void aDroneAskingForThePatchDefenceGetsADefendedAnswer() throws Exception {
    EdgeNodeSettings s = org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode().withCount(1);
    assertEquals(org.swarmsense.edge.offload.PatchDefencePolicy.ON_REQUEST, s.patchDefence());
    OffloadSettings plain = OffloadSettings.load();
    for (boolean ask : new boolean[] {true, false}) {
      LinkedBlockingQueue<OffloadingDrone.Result> results = new LinkedBlockingQueue<>();
      try (MqttBroker broker = EmbeddedBroker.start();
          EdgeNodeLink node = EdgeNodeLink.start(system, MqttLinkSettings.defaults(broker.url(), "unused"), EDGE,
              NODE_AT, s, EdgeNodes.openDetector(s), EdgeNodes.ordersFor(s));
          OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused"), DRONE,
              FrameSource.cycling(List.of(person)), EdgeNodes.DEFAULT_VARIANT.bandOrder(),
              plain.withDefendPatches(ask), results::add)) {
        assertTrue(node.awaitConnected(Duration.ofSeconds(10)));
        await(() -> drone.edges().nearestReachable(LAT, LON).isPresent(), "the node's telemetry");
        drone.captureAndSend(LAT, LON).orElseThrow();
        OffloadingDrone.Result r = results.poll(30, TimeUnit.SECONDS);
        assertTrue(r != null && r.result().ok(), String.valueOf(r));
        assertEquals(ask, r.result().defended(), "asked " + ask + ": " + r.result());
        assertEquals("vehicle-plain", r.result().variant());
        if (!ask) {
          assertTrue(r.result().masked().isEmpty());
        }
      }
    }
  }

  /** Top-left corner and side (frame pixels) of the committed patch on Berlin frame 2 (see its .md note). */
  static final int PATCH_X = 287;
  static final int PATCH_Y = 236;
  static final int PATCH_SIDE = 102;

  /**
   * Issue 20 part 5 end to end, over a real broker: Berlin frame 2 (the bench's render, seed 2026)
   * with the committed random-search patch pasted where the attack placed it. Every frame travels
   * through the codec as a drone sends it. The reference is the node's undefended answer on the clean
   * frame (two cars). Undefended, the attacked frame has neither car; defended, the node masks a
   * region overlapping the patch and serves the occluded answer (with the plain boxes centred outside
   * the region that it lacks: none here). What that answer brings back is
   * measured, not assumed: see the assertions (one of the two cars; the other lies half under the
   * masked region, which cuts its box). The patch does not only hide the cars: it makes dozens of
   * false cars around itself, which the masked answer drops.
   */
  @Test
  void theServedDefenceMasksARealPatchAndBringsBackWhatItHid(@org.junit.jupiter.api.io.TempDir java.nio.file.Path berlin)
      throws Exception {
    org.swarmsense.maps.camera.RenderDataset.run(new org.swarmsense.maps.camera.RenderDataset.Options(
        SharedData.file("maps/berlin-siegessaeule.osm.gz"),
        java.nio.file.Path.of("../../examples/data/berlin-siegessaeule-sumo-mix-fcd-300s.xml.gz"), 30, 2026,
        berlin, org.swarmsense.maps.MapsSettings.load().camera(), "test"),
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    PixelImage clean = PixelImages.read(berlin.resolve("frames/000002.png"));
    PixelImage patch;
    try (var in = EdgeOffloadTest.class.getResourceAsStream("berlin-frame2-random-search-patch.png")) {
      patch = PixelImages.fromBuffered(javax.imageio.ImageIO.read(in));
    }
    assertEquals(PATCH_SIDE, patch.width());
    PixelImage attacked = org.swarmsense.edge.patch.Patches.paste(clean, patch, PATCH_X, PATCH_Y);
    EdgeNodeSettings s = org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode().withCount(1);
    List<EdgeResult> undefended = served(s, List.of(clean, attacked), false);
    List<EdgeResult> defended = served(s, List.of(clean, attacked), true);
    List<Detection> reference = detections(undefended.get(0));
    for (int i = 0; i < 2; i++) {
      System.out.printf("%s frame, undefended: %s%n%s frame, defended: masked %s, %s%n", i == 0 ? "clean" : "attacked",
          undefended.get(i).detections(), i == 0 ? "clean" : "attacked", defended.get(i).masked(),
          defended.get(i).detections());
    }
    assertEquals(2, reference.size(), "the clean frame's two cars (a changed render or detector fails here)");
    assertFalse(undefended.get(1).defended());
    assertEquals(0, DetectionF1.count(reference, detections(undefended.get(1))).truePositives(),
        "undefended, the patch hides both cars");
    assertTrue(defended.get(0).defended());
    assertTrue(defended.get(0).masked().isEmpty(), "nothing masked on the clean frame: " + defended.get(0).masked());
    assertEquals(reference, detections(defended.get(0)), "the clean frame's defended answer is the plain one");
    EdgeResult d = defended.get(1);
    assertTrue(d.defended());
    assertEquals(1, d.masked().size(), "one region masked: " + d.masked());
    EdgeRegion m = d.masked().get(0);
    double ix = Math.min(m.x1Px(), PATCH_X + PATCH_SIDE) - Math.max(m.x0Px(), PATCH_X);
    double iy = Math.min(m.y1Px(), PATCH_Y + PATCH_SIDE) - Math.max(m.y0Px(), PATCH_Y);
    double covered = Math.max(0, ix) * Math.max(0, iy) / (PATCH_SIDE * PATCH_SIDE);
    System.out.printf("masked region covers %.0f%% of the patch%n", 100 * covered);
    assertTrue(covered >= 0.5, "the masked region covers " + covered + " of the patch: " + m);
    assertEquals(1, DetectionF1.count(reference, detections(d)).truePositives(),
        "defended, one of the two cars is back (measured; the other is half under the masked region)");
    // the patch also makes dozens of false cars around itself; masking it drops nearly all of them
    long falseUndefended = DetectionF1.count(reference, detections(undefended.get(1))).falsePositives();
    long falseDefended = DetectionF1.count(reference, detections(d)).falsePositives();
    System.out.printf("false positives on the attacked frame: undefended %d, defended %d%n", falseUndefended,
        falseDefended);
    assertTrue(falseUndefended >= 10 && falseDefended < falseUndefended / 5,
        "false positives undefended " + falseUndefended + ", defended " + falseDefended);

    // the node runs the calibration file it is given (a deployment's own): with an anomaly threshold no
    // window reaches, the same attacked frame is defended but nothing is masked, and both cars stay hidden
    org.swarmsense.edge.patch.ImportanceDefence.Calibration shipped =
        org.swarmsense.edge.patch.ImportanceDefence.shippedVehicleCalibration();
    java.nio.file.Path never = java.nio.file.Files.writeString(berlin.resolve("never.patch-defence.txt"),
        new org.swarmsense.edge.patch.ImportanceDefence.Calibration(shipped.feature(), shipped.channels(), 1e9,
            shipped.changeThreshold()).toText("no window reaches this threshold"));
    EdgeResult unmasked = served(s.withPatchCalibration(never), List.of(attacked), true).get(0);
    assertTrue(unmasked.defended());
    assertTrue(unmasked.masked().isEmpty(), "masked with a threshold of 1e9: " + unmasked.masked());
    assertEquals(0, DetectionF1.count(reference, detections(unmasked)).truePositives(), "the patch still hides both cars");
  }

  /** The node's answers to one drone sending {@code frames} in turn, asking for the defence or not. */
  static List<EdgeResult> served(EdgeNodeSettings s, List<PixelImage> frames, boolean defend) throws Exception {
    LinkedBlockingQueue<OffloadingDrone.Result> results = new LinkedBlockingQueue<>();
    List<EdgeResult> out = new java.util.ArrayList<>();
    try (MqttBroker broker = EmbeddedBroker.start();
        EdgeNodeLink node = EdgeNodeLink.start(system, MqttLinkSettings.defaults(broker.url(), "unused"), EDGE,
            NODE_AT, s, EdgeNodes.openDetector(s), EdgeNodes.ordersFor(s));
        OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused"), DRONE,
            FrameSource.cycling(frames), EdgeNodes.DEFAULT_VARIANT.bandOrder(),
            OffloadSettings.load().withDefendPatches(defend), results::add)) {
      assertTrue(node.awaitConnected(Duration.ofSeconds(10)));
      await(() -> drone.edges().nearestReachable(LAT, LON).isPresent(), "the node's telemetry");
      for (int i = 0; i < frames.size(); i++) {
        drone.captureAndSend(LAT, LON).orElseThrow();
        OffloadingDrone.Result r = results.poll(30, TimeUnit.SECONDS);
        assertTrue(r != null && r.result().ok(), String.valueOf(r));
        assertEquals(r.packetCount(), r.result().packetsAccepted(), "the whole frame arrived");
        assertEquals(defend, r.result().defended());
        out.add(r.result());
      }
    }
    return out;
  }

  static List<Detection> detections(EdgeResult r) {
    return r.detections().stream().map(b -> new Detection(b.classId(), b.score(), b.x0Px(), b.y0Px(), b.x1Px(),
        b.y1Px())).toList();
  }

  @Test
  void whatArrivesByTheDeadlineIsDetectedWithItsEnergyShare() throws Exception {
    // a 20,000 B/s uplink carries 10,000 B in 500 ms: a prefix of the frame's packets in band order
    OffloadSettings settings = OffloadSettings.load().withUplink(20_000, 0);
    EncodedFrame sent = SemanticEncoder.encode(person, settings.quality(), BandOrder.zigZag(), 0);
    int fits = sent.prefixWithin(10_000).size();
    assertTrue(fits > 0 && fits < sent.packets().size(), fits + " of " + sent.packets().size());
    LinkedBlockingQueue<OffloadingDrone.Result> results = new LinkedBlockingQueue<>();
    try (MqttBroker broker = EmbeddedBroker.start();
        EdgeNodeLink node = node(broker);
        OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused"), DRONE,
            FrameSource.cycling(List.of(person)), BandOrder.zigZag(), settings, results::add)) {
      assertTrue(node.awaitConnected(Duration.ofSeconds(10)));
      await(() -> drone.edges().nearestReachable(LAT, LON).isPresent(), "the node's telemetry");
      drone.captureAndSend(LAT, LON).orElseThrow();
      OffloadingDrone.Result r = results.poll(30, TimeUnit.SECONDS);
      assertTrue(r != null, "a result within 30 s");
      System.out.printf("partial: %d of %d packets sent, energy share %.3f, %d boxes, edge latency %.1f ms%n",
          r.packetsSent(), r.packetCount(), r.result().energyShare(), r.result().detections().size(),
          r.result().latencyMs());
      assertTrue(r.result().ok(), r.result().toString());
      assertEquals(fits, r.packetsSent());
      assertEquals(fits, r.result().packetsAccepted());
      assertTrue(r.result().energyShare() < 1, "share " + r.result().energyShare());
      assertTrue(r.result().latencyMs() >= 500, "answered at the deadline: " + r.result().latencyMs());
      assertEquals(reference(sent, fits), r.result().detections());
    }
  }

  @Test
  void theNadirCameraOverMonacoTrafficIsWhatTheNodeSees() throws Exception {
    org.swarmsense.maps.camera.MapScene scene =
        org.swarmsense.maps.camera.MapScene.load(SharedData.file("maps/monaco.osm.gz"));
    org.swarmsense.maps.camera.NadirCamera camera = new org.swarmsense.maps.camera.NadirCamera(scene,
        org.swarmsense.maps.MapsSettings.load().camera());
    org.swarmsense.maps.camera.TrafficSource traffic = org.swarmsense.maps.camera.TrafficTrace.load(
        SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz"), scene.projection());
    // the drone hovers over the first vehicle of the trace at 120 s
    var pose = traffic.posesAt(120).get(0);
    org.locationtech.jts.geom.Coordinate above = scene.projection().toWgs84(pose.xM(), pose.yM());
    double lat = above.y;
    double lon = above.x;
    org.swarmsense.maps.camera.CameraFrame expected = camera.renderAtLonLat(traffic, 120, lon, lat, 0, 7);
    LinkedBlockingQueue<OffloadingDrone.Result> results = new LinkedBlockingQueue<>();
    OffloadSettings settings = OffloadSettings.load();
    try (MqttBroker broker = EmbeddedBroker.start();
        EdgeNodeLink node = node(broker);
        OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused"), DRONE,
            FrameSource.nadir(camera, traffic, 120, 7), BandOrder.zigZag(), settings, results::add)) {
      assertTrue(node.awaitConnected(Duration.ofSeconds(10)));
      await(() -> drone.edges().nearestReachable(lat, lon).isPresent(), "the node's telemetry");
      drone.captureAndSend(lat, lon).orElseThrow();
      OffloadingDrone.Result r = results.poll(30, TimeUnit.SECONDS);
      assertTrue(r != null && r.result().ok(), String.valueOf(r));
      System.out.printf("nadir frame over Monaco: %d ground-truth vehicles, %d packets, %d boxes from the COCO detector%n",
          expected.boxes().size(), r.packetCount(), r.result().detections().size());
      assertEquals(r.packetCount(), r.result().packetsAccepted());
      assertEquals(camera.settings().widthPx(), expected.image().getWidth());
      assertTrue(!expected.boxes().isEmpty(), "the camera sees the vehicle it hovers over");
      assertTrue(r.packetCount() > 1, "a rendered 512x512 frame is several packets: " + r.packetCount());
    }
  }

  /**
   * Issue 19 part 4 over a real broker: a drone flying over Monaco at 50 m renders its stereo pair and
   * sends it to the node as an occupancy request; the node answers on the request's own result topic
   * with the finest level its deadline allowed. With 30 s that is 64^3, and the grid is bit for bit what
   * edge-inference's service makes of the request's own PNGs (read off the wire by a listener); the
   * same request again with a 30 ms deadline gets the half-size pass's 16^3 only (the node has by then
   * measured its full pass at several times its half pass), marked late exactly when its latency
   * exceeds 30 ms.
   */
  @Test
  void aFlyingDronesLegCheckComesBackAsTheServicesOccupancy() throws Exception {
    org.swarmsense.maps.camera.MapScene scene =
        org.swarmsense.maps.camera.MapScene.load(SharedData.file("maps/monaco.osm.gz"));
    org.swarmsense.gateway.offload.LegCheckSettings checks = org.swarmsense.gateway.offload.LegCheckSettings.load()
        .withDeadline(Duration.ofSeconds(30));
    org.swarmsense.gateway.offload.LegChecks rig = org.swarmsense.gateway.offload.FleetOffload.nadir(scene,
        java.util.Optional.empty(), org.swarmsense.maps.MapsSettings.load().camera(), 1, BandOrder.zigZag(),
        OffloadSettings.load(), checks).legChecks().orElseThrow();
    double lat = 43.7395; // Place du Casino, Monte-Carlo (the stereo bench's place)
    double lon = 7.4283;
    LinkedBlockingQueue<OffloadingDrone.LegCheck> answers = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<byte[]> requests = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<org.swarmsense.gateway.wire.OccupancyResult> results = new LinkedBlockingQueue<>();
    try (MqttBroker broker = EmbeddedBroker.start();
        EdgeNodeLink node = node(broker);
        OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused"), DRONE,
            FrameSource.cycling(List.of(person)), BandOrder.zigZag(), OffloadSettings.load(), r -> { })) {
      org.eclipse.paho.mqttv5.client.MqttClient listener = org.swarmsense.gateway.testing.TestClients.listening(
          broker.url(), FLEET + ":listener", (t, m) -> {
            if (t.endsWith("/occupancy")) {
              requests.add(m.getPayload());
            } else {
              results.add(org.swarmsense.gateway.wire.OccupancyPayloads.readResult(m.getPayload()));
            }
          }, () -> { });
      listener.connect();
      listener.subscribe(new String[] {EDGE.topic(org.swarmsense.gateway.wire.Channel.OCCUPANCY).toString(),
          "swarmsense/" + FLEET + "/edge/e1/occupancy_result/+"}, new int[] {1, 1});
      assertTrue(node.awaitConnected(Duration.ofSeconds(10)));
      assertTrue(drone.awaitConnected(Duration.ofSeconds(10)));
      await(() -> drone.edges().nearestReachable(lat, lon).isPresent(), "the drone to hear the node's telemetry");
      drone.startLegChecks(rig, answers::add, () -> null); // no periodic checks: one by hand
      assertEquals("d0001-leg-0", drone.checkLeg(lat, lon, 0, 50).orElseThrow());
      OffloadingDrone.LegCheck c = answers.poll(60, TimeUnit.SECONDS);
      assertTrue(c != null, "an answer within 60 s");
      org.swarmsense.gateway.wire.OccupancyResult r = c.result();
      byte[] sent = requests.poll(10, TimeUnit.SECONDS);
      assertTrue(sent != null, "the listener read the request");
      System.out.printf("leg check: %d request bytes, %d^3 (full pass %s), %d occupied, %d in the corridor (hit %s,"
          + " truth %s), node latency %.1f ms, round trip %.1f ms, late %s%n", sent.length, r.resolution(), r.fullPass(),
          r.occupiedCount(), c.corridorVoxels(), c.hit(), c.truthBlocked(), r.latencyMs(), c.roundTripMs(), r.late());
      assertTrue(r.ok(), r.toString());
      assertEquals(EDGE, c.edge());
      assertEquals(64, r.resolution(), "30 s allows every level");
      assertTrue(r.fullPass());
      assertFalse(r.late());
      assertTrue(sent.length <= org.swarmsense.gateway.wire.OccupancyTask.MAX_MESSAGE_BYTES, sent.length + " B");

      // the reference: edge-inference's service on the request as it travelled
      org.swarmsense.gateway.wire.OccupancyTask t = org.swarmsense.gateway.wire.OccupancyPayloads.readTask(sent);
      org.swarmsense.edge.EdgeInferenceSettings.Stereo st = org.swarmsense.edge.EdgeInferenceSettings.Stereo.load();
      try (org.swarmsense.edge.stereo.OccupancyService reference = new org.swarmsense.edge.stereo.OccupancyService(
          st.matcher(), st.occupancy(), st.footprint())) {
        org.swarmsense.edge.stereo.OccupancyAnswer a = reference.answer(new org.swarmsense.edge.stereo.OccupancyRequest(
            org.swarmsense.edge.stereo.GrayImage.decodePng("left", t.leftPng(), t.widthPx(), t.heightPx()),
            org.swarmsense.edge.stereo.GrayImage.decodePng("right", t.rightPng(), t.widthPx(), t.heightPx()),
            new org.swarmsense.edge.stereo.StereoCalibration(t.focalPx(), t.cxPx(), t.cyPx(), t.doffsPx(), t.baselineM()),
            new org.swarmsense.edge.stereo.VoxelBox(t.boxMinXM(), t.boxMinYM(), t.boxMinZM(), t.boxSideM()),
            Duration.ofSeconds(60)));
        assertEquals(64, a.finestResolution());
        assertEquals(a.finest().grid().occupiedCount(), r.occupiedCount());
        for (int z = 0; z < 64; z++) {
          for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
              assertEquals(a.finest().grid().isOccupied(x, y, z), r.occupiedAt(x, y, z), "voxel " + x + "," + y + "," + z);
            }
          }
        }
      }
      // the box LegCorridor documents at 50 m: X [-16, 16), Y [-24, 8), Z [21.75, 53.75)
      assertEquals(List.of(-16.0, -24.0, 21.75, 32.0), List.of(t.boxMinXM(), t.boxMinYM(), t.boxMinZM(), t.boxSideM()));

      // the same pair with a 30 ms deadline: the coarse pass only, late. The deadline runs from the node receiving
      // the message, parse included, so a scheduling pause there can expire it before the node begins (CI of
      // 2026-12-05: waited past 30 ms). That is a right answer too, so an expired request is sent again, at most
      // three times in all; a node that never serves the coarse level still fails.
      int attempts = 0;
      org.swarmsense.gateway.wire.OccupancyResult q = null;
      while (attempts < 3 && (q == null || org.swarmsense.edge.stereo.OccupancyServer.EXPIRED.equals(q.reason()))) {
        attempts++;
        String id = "tight-" + attempts;
        results.clear();
        org.swarmsense.gateway.wire.OccupancyTask tight = new org.swarmsense.gateway.wire.OccupancyTask(1,
            System.currentTimeMillis(), id, 30, t.widthPx(), t.heightPx(), t.focalPx(), t.cxPx(), t.cyPx(),
            t.doffsPx(), t.baselineM(), t.boxMinXM(), t.boxMinYM(), t.boxMinZM(), t.boxSideM(), t.leftPng(),
            t.rightPng());
        byte[] json = org.swarmsense.gateway.wire.OccupancyPayloads.toJson(tight);
        listener.publish(EDGE.topic(org.swarmsense.gateway.wire.Channel.OCCUPANCY).toString(),
            new org.eclipse.paho.mqttv5.common.MqttMessage(json));
        q = results.poll(30, TimeUnit.SECONDS);
        while (q != null && !q.taskId().equals(id)) {
          q = results.poll(30, TimeUnit.SECONDS);
        }
        assertTrue(q != null, "the tight request " + id + " answered");
        System.out.printf("tight: %s, latency %.1f ms, late %s, detail %s%n", q, q.latencyMs(), q.late(), q.detail());
      }
      assertTrue(q.ok(), q + ": " + q.detail());
      assertEquals(16, q.resolution());
      assertFalse(q.fullPass());
      assertEquals(q.latencyMs() > 30, q.late());
      assertEquals(2, node.occupancy().answered());
      // the node counts a result once its publish returns, which can be after the listener has it
      int published = 1 + attempts;
      await(() -> node.occupancyResultsSent() >= published, "the node to count its occupancy results");
      assertEquals(published, node.occupancyResultsSent());
      listener.disconnect();
    }
  }

  @Test
  void withoutAReachableNodeTheCaptureIsCountedNotSent() throws Exception {
    try (MqttBroker broker = EmbeddedBroker.start();
        OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused"), DRONE,
            FrameSource.cycling(List.of(person)), BandOrder.zigZag(), OffloadSettings.load(), r -> { })) {
      assertTrue(drone.awaitConnected(Duration.ofSeconds(10)));
      assertFalse(drone.captureAndSend(LAT, LON).isPresent());
      assertEquals(1, drone.noEdgeReachable());
    }
  }

  @Test
  void theWireCapIsTheCodecsPacketSize() {
    assertEquals(PacketHeader.MAX_PACKET, EdgeTaskPacket.MAX_PACKET_BYTES);
  }
}
