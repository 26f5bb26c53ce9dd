/**
 * Semantic communication between agents and edge nodes: DCT effectiveness encoding (coefficients
 * sent in order of importance under a deadline), packets, channel models, and the Lyapunov +
 * deep-RL sampling-rate and offloading controller (see shared/specs/semantic-comm.md). Plain Java.
 */
package org.swarmsense.semantic;
