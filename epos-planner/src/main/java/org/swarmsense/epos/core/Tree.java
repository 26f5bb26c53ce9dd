package org.swarmsense.epos.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The complete k-ary tree the agents sit on, filled breadth-first with vertices in DESCENDING
 * order: BFS position p (0 = root) holds vertex N-1-p, and vertex v holds agent
 * {@code vertexToAgent.get(v)}. Children of position p are positions k*p+1 .. k*p+k (those below
 * N), in that order (child 0 first); so the positions of one tree level form one contiguous range.
 * Immutable, thread-safe.
 */
public final class Tree {
  private final int children;
  private final List<Integer> vertexToAgent;
  private final int[] agentAt;
  private final int[] positionOf;
  private final int[] subtreeSize;
  private final int[] levelStart;

  /**
   * The tree for a vertex-to-agent assignment.
   *
   * @param vertexToAgent a permutation of 0..N-1: entry v is the agent on vertex v
   * @param children k >= 1
   */
  public Tree(List<Integer> vertexToAgent, int children) {
    if (children < 1) {
      throw new IllegalArgumentException("children must be >= 1, got: " + children);
    }
    int n = vertexToAgent.size();
    if (n == 0) {
      throw new IllegalArgumentException("a tree needs at least one agent, got 0");
    }
    this.children = children;
    this.vertexToAgent = List.copyOf(vertexToAgent);
    this.agentAt = new int[n];
    this.positionOf = new int[n];
    java.util.Arrays.fill(positionOf, -1);
    for (int p = 0; p < n; p++) {
      int a = this.vertexToAgent.get(n - 1 - p);
      if (a < 0 || a >= n || positionOf[a] >= 0) {
        throw new IllegalArgumentException("vertexToAgent must be a permutation of 0.." + (n - 1) + ", bad entry: " + a);
      }
      agentAt[p] = a;
      positionOf[a] = p;
    }
    subtreeSize = new int[n];
    for (int p = n - 1; p >= 0; p--) {
      subtreeSize[p] += 1;
      if (p > 0) {
        subtreeSize[(p - 1) / children] += subtreeSize[p];
      }
    }
    List<Integer> starts = new ArrayList<>();
    long start = 0;
    long width = 1;
    while (start < n) {
      starts.add((int) start);
      start += width;
      width *= children;
    }
    starts.add(n);
    levelStart = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The tree of repetition {@code repetition}: repetition 0 maps vertex v to agent v; repetition
   * s >= 1 shuffles repetition s-1's list with {@code Collections.shuffle(list, new Random(seed + s))}.
   */
  public static Tree forRepetition(int agents, int children, int repetition, long seed) {
    List<Integer> list = new ArrayList<>(agents);
    for (int i = 0; i < agents; i++) {
      list.add(i);
    }
    for (int s = 1; s <= repetition; s++) {
      Collections.shuffle(list, new Random(seed + s));
    }
    return new Tree(list, children);
  }

  /** This tree re-shuffled with {@code Collections.shuffle(vertexToAgent, new Random(seed))}. */
  public Tree reshuffled(long seed) {
    List<Integer> list = new ArrayList<>(vertexToAgent);
    Collections.shuffle(list, new Random(seed));
    return new Tree(list, children);
  }

  /** Number of agents N. */
  public int size() {
    return agentAt.length;
  }

  /** Children per inner vertex, k. */
  public int children() {
    return children;
  }

  /** The agent at BFS position p. */
  public int agentAt(int position) {
    return agentAt[position];
  }

  /** The BFS position of an agent. */
  public int positionOf(int agent) {
    return positionOf[agent];
  }

  /** Position of the first child of p (valid only when {@link #childCount} > 0). */
  public int firstChild(int position) {
    return children * position + 1;
  }

  /** Number of children of position p, 0..k. */
  public int childCount(int position) {
    long first = (long) children * position + 1;
    return (int) Math.max(0, Math.min(children, agentAt.length - first));
  }

  /** Parent position of p > 0. */
  public int parent(int position) {
    return (position - 1) / children;
  }

  /** Number of agents in the subtree rooted at position p (itself included). */
  public int subtreeSize(int position) {
    return subtreeSize[position];
  }

  /** Number of levels (height + 1). */
  public int levels() {
    return levelStart.length - 1;
  }

  /** First position of level i (root level 0). */
  public int levelStart(int level) {
    return levelStart[level];
  }

  /** One past the last position of level i. */
  public int levelEnd(int level) {
    return levelStart[level + 1];
  }

  /** The vertex-to-agent list (entry v = agent on vertex v). */
  public List<Integer> vertexToAgent() {
    return vertexToAgent;
  }
}
