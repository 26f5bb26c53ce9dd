package org.swarmsense.semantic.control.rl;

import java.util.SplittableRandom;

/**
 * A ring buffer of transitions (state, action, reward, next state) with uniform sampling. No
 * terminal flags: episodes end by a time limit, not in a terminal state. Mutable; one thread.
 */
final class ReplayBuffer {

  private final int stateSize;
  private final int actionSize;
  private final int capacity;
  private final double[] states;
  private final double[] actions;
  private final double[] rewards;
  private final double[] nextStates;
  private int size;
  private int next;

  ReplayBuffer(int capacity, int stateSize, int actionSize) {
    this.capacity = capacity;
    this.stateSize = stateSize;
    this.actionSize = actionSize;
    states = new double[capacity * stateSize];
    actions = new double[capacity * actionSize];
    rewards = new double[capacity];
    nextStates = new double[capacity * stateSize];
  }

  void add(double[] state, double[] action, double reward, double[] nextState) {
    System.arraycopy(state, 0, states, next * stateSize, stateSize);
    System.arraycopy(action, 0, actions, next * actionSize, actionSize);
    rewards[next] = reward;
    System.arraycopy(nextState, 0, nextStates, next * stateSize, stateSize);
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  int size() {
    return size;
  }

  int sample(SplittableRandom random) {
    return random.nextInt(size);
  }

  void state(int i, double[] into) {
    System.arraycopy(states, i * stateSize, into, 0, stateSize);
  }

  void action(int i, double[] into, int offset) {
    System.arraycopy(actions, i * actionSize, into, offset, actionSize);
  }

  double reward(int i) {
    return rewards[i];
  }

  void nextState(int i, double[] into) {
    System.arraycopy(nextStates, i * stateSize, into, 0, stateSize);
  }
}
