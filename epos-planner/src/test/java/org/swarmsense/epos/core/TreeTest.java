package org.swarmsense.epos.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TreeTest {

  @Test
  void elevenAgentsBinaryTreeHasTheSpecLayout() {
    Tree t = Tree.forRepetition(11, 2, 0, 0);
    // root 10; 10 -> {9, 8}; 9 -> {7, 6}; 8 -> {5, 4}; 7 -> {3, 2}; 6 -> {1, 0}
    int[][] expected = {{10, 9, 8}, {9, 7, 6}, {8, 5, 4}, {7, 3, 2}, {6, 1, 0}};
    for (int[] e : expected) {
      int p = t.positionOf(e[0]);
      assertEquals(2, t.childCount(p), "children of agent " + e[0]);
      assertEquals(e[1], t.agentAt(t.firstChild(p)));
      assertEquals(e[2], t.agentAt(t.firstChild(p) + 1));
    }
    assertEquals(10, t.agentAt(0));
    assertEquals(0, t.childCount(t.positionOf(5)));
    assertEquals(11, t.subtreeSize(0));
    assertEquals(4, t.levels());
  }

  @Test
  void ternaryTreeLevelsAreContiguous() {
    Tree t = Tree.forRepetition(14, 3, 0, 0);
    assertEquals(List.of(0, 1, 4, 13), List.of(t.levelStart(0), t.levelStart(1), t.levelStart(2), t.levelStart(3)));
    assertEquals(14, t.levelEnd(3));
    assertEquals(1, t.childCount(4)); // position 4's children: 13 only
  }

  @Test
  void notAPermutationIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Tree(List.of(0, 0, 1), 2));
    assertEquals(true, e.getMessage().contains("permutation"));
  }
}
