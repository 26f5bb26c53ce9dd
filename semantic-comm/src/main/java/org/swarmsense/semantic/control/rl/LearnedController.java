package org.swarmsense.semantic.control.rl;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.Controller;
import org.swarmsense.semantic.control.SlotDecision;
import org.swarmsense.semantic.control.SlotState;

/**
 * A trained policy as a {@link Controller}: the actor, and for {@link
 * ActionMapping#CRITIC_NEIGHBOURS} the critic, for {@link ActionMapping#ANCHOR_RESIDUAL} the anchor.
 * Saved to and loaded from a small binary file ("SSCTRL1", the mapping, the networks, the anchor). Deterministic; not thread-safe (network scratch buffers).
 */
public final class LearnedController implements Controller {

  private static final String MAGIC = "SSCTRL1";
  private final String name;
  private final ControlModel model;
  private final Observation observation;
  private final Mlp actor;
  private final Mlp critic;
  private final ActionMapping mapping;
  private final SlotDecision anchor;

  /**
   * @param name label for tables
   * @param model the model it controls
   * @param actor the actor (input 3N + 2M, output 2N)
   * @param critic the critic (needed by {@link ActionMapping#CRITIC_NEIGHBOURS}, may be null otherwise)
   * @param mapping how actions become decisions
   * @param anchor the anchor of {@link ActionMapping#ANCHOR_RESIDUAL} (null for the other mappings)
   */
  public LearnedController(String name, ControlModel model, Mlp actor, Mlp critic, ActionMapping mapping,
      SlotDecision anchor) {
    this.name = name;
    this.model = model;
    this.observation = new Observation(model);
    if (actor.inputSize() != observation.size() || actor.outputSize() != 2 * model.deviceCount()) {
      throw new IllegalArgumentException("actor must map " + observation.size() + " -> " + 2 * model.deviceCount()
          + " values, got " + actor.inputSize() + " -> " + actor.outputSize());
    }
    if (mapping == ActionMapping.CRITIC_NEIGHBOURS && critic == null) {
      throw new IllegalArgumentException("mapping CRITIC_NEIGHBOURS needs a critic");
    }
    if ((mapping == ActionMapping.ANCHOR_RESIDUAL) != (anchor != null)) {
      throw new IllegalArgumentException("an anchor decision is needed by ANCHOR_RESIDUAL and only by it, mapping "
          + mapping + ", anchor " + anchor);
    }
    if (anchor != null && anchor.deviceCount() != model.deviceCount()) {
      throw new IllegalArgumentException("anchor must cover " + model.deviceCount() + " devices, got: " + anchor);
    }
    this.anchor = anchor;
    this.actor = actor;
    this.critic = critic;
    this.mapping = mapping;
  }

  @Override
  public String name() {
    return name;
  }

  public ActionMapping mapping() {
    return mapping;
  }

  @Override
  public SlotDecision decide(SlotState state) {
    double[] x = observation.encode(state);
    return decide(x, actor.forward(x));
  }

  /** The decision for observation {@code x} and (possibly noisy) action {@code action}. */
  SlotDecision decide(double[] x, double[] action) {
    int k = model.levels();
    if (mapping == ActionMapping.ANCHOR_RESIDUAL) {
      return ActionMapping.residual(action, anchor, k);
    }
    SlotDecision proto = ActionMapping.threshold(action, k);
    if (mapping == ActionMapping.THRESHOLD) {
      return proto;
    }
    SlotDecision best = proto;
    double bestQ = q(x, proto);
    for (int n = 0; n < proto.deviceCount(); n++) {
      for (int level = 1; level <= k; level++) {
        for (boolean edge : new boolean[] {true, false}) {
          if (level == proto.level(n) && edge == proto.atEdge(n)) {
            continue;
          }
          SlotDecision c = proto.with(n, level, edge);
          double q = q(x, c);
          if (q > bestQ) {
            bestQ = q;
            best = c;
          }
        }
      }
    }
    return best;
  }

  private double q(double[] x, SlotDecision d) {
    double[] a = ActionMapping.embed(d, model.levels());
    double[] input = new double[x.length + a.length];
    System.arraycopy(x, 0, input, 0, x.length);
    System.arraycopy(a, 0, input, x.length, a.length);
    return critic.forwardKeep(input)[0];
  }

  /** Writes the policy to {@code file}. */
  public void save(Path file) {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeUTF(MAGIC);
      out.writeUTF(name);
      out.writeUTF(mapping.name());
      actor.write(out);
      out.writeBoolean(critic != null);
      if (critic != null) {
        critic.write(out);
      }
      out.writeBoolean(anchor != null);
      if (anchor != null) {
        for (int n = 0; n < anchor.deviceCount(); n++) {
          out.writeInt(anchor.level(n));
          out.writeBoolean(anchor.atEdge(n));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write policy " + file, e);
    }
  }

  /** Reads a policy written by {@link #save}; a wrong or damaged file is refused with its name. */
  public static LearnedController load(Path file, ControlModel model) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      String magic = in.readUTF();
      if (!MAGIC.equals(magic)) {
        throw new IllegalArgumentException("policy file " + file + " does not start with " + MAGIC + ", got: " + magic);
      }
      String name = in.readUTF();
      String mappingName = in.readUTF();
      ActionMapping mapping;
      try {
        mapping = ActionMapping.valueOf(mappingName);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("policy file " + file + ": unknown mapping " + mappingName, e);
      }
      Mlp actor = Mlp.read(in);
      Mlp critic = in.readBoolean() ? Mlp.read(in) : null;
      SlotDecision anchor = null;
      if (in.readBoolean()) {
        int[] levels = new int[model.deviceCount()];
        boolean[] edge = new boolean[levels.length];
        for (int n = 0; n < levels.length; n++) {
          levels[n] = in.readInt();
          edge[n] = in.readBoolean();
        }
        anchor = new SlotDecision(levels, edge);
      }
      return new LearnedController(name, model, actor, critic, mapping, anchor);
    } catch (IOException e) {
      throw new IllegalArgumentException("policy file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }
}
