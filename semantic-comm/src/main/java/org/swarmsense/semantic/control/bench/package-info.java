/**
 * {@code swarmsense bench control}: trains the learned controllers, saves and reloads their
 * policies, evaluates them next to the paper's baselines and prints the tables with the paper's
 * figures ({@link org.swarmsense.semantic.control.bench.ControlBench}). Plain Java.
 */
package org.swarmsense.semantic.control.bench;
