/**
 * Edge nodes as agents: {@link org.swarmsense.agents.edge.EdgeNode}, a thin actor over
 * edge-inference's {@code offload.OffloadServer} (deadline timers, load accounting), and its
 * settings {@link org.swarmsense.agents.edge.EdgeNodeSettings}.
 */
package org.swarmsense.agents.edge;
